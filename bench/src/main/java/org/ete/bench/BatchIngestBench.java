package org.ete.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ete.contracts.Topics;
import org.ete.testsupport.AuthorizedRequests;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.ServiceProcess;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 1: batch ingest against a raw Kafka producer, and figure 6's RSS under it. The packaged referral service
 * takes {@code bench.events} events (half referrals, half take-ups of the same people) in sequential batches of
 * {@code bench.batch} (each batch holds its people's referrals and then their take-ups); a run is over when every
 * event is on the topic, i.e. the topic's end offsets (the high watermark: what a consumer can read, acks=all) have
 * grown by the number of events. The baseline sends the same event JSON bytes, keyed by subject, with a raw
 * idempotent producer (acks=all) to a topic of the same partition count on the same broker, until every send is
 * acknowledged. Alternating, a warm-up of each, then medians of {@code bench.runs}. The service's VmRSS
 * ({@code /proc/<pid>/status}) is sampled throughout the service's runs; its peak is figure 6's number.
 */
public final class BatchIngestBench {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int EVENTS = Integer.getInteger("bench.events", 10_000);
    static final int BATCH = Integer.getInteger("bench.batch", 2_000);
    static final int RUNS = Integer.getInteger("bench.runs", 3);
    static final String RAW_TOPIC = "bench.raw-producer.v1";
    /** Every run's people are new: case references are drawn from one counter (letter + 6 digits). */
    private static final AtomicInteger PEOPLE = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        // Full JIT for the broker and MongoDB server, the same for both sides of the ratio (see PlatformInfra).
        System.setProperty("ete.local-infra.jvm-args", System.getProperty("ete.local-infra.jvm-args", "-Xmx1g"));
        PlatformInfra infra = PlatformInfra.start();
        String topic = Topics.REFERRAL_EVENTS;
        Map<String, String> env = new HashMap<>();
        String jfr = System.getProperty("bench.jfr");
        if (jfr != null) {
            env.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=settings=profile,filename=" + jfr);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (ServiceProcess service = ServiceProcess.start("referral-service", infra, "referral-bench-" + System.nanoTime(), env);
             KafkaConsumer<byte[], byte[]> offsets = new KafkaConsumer<>(consumerSettings(infra));
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(producerSettings(infra))) {
            System.out.println("service JVM: " + jvmOptions(service.pid()));
            List<TopicPartition> partitions = partitions(offsets, topic);
            infra.ensureTopics(partitions.size(), RAW_TOPIC);
            RssSampler rss = new RssSampler(service.pid());
            System.out.printf("warm-up: service %.0f ms, raw producer %.0f ms; service VmRSS before the runs %d MB%n",
                    serviceRun(http, service, offsets, partitions), rawRun(raw), RssSampler.rssKb(service.pid()) / 1024);
            double[] serviceMs = new double[RUNS];
            double[] rawMs = new double[RUNS];
            rss.start();
            for (int run = 0; run < RUNS; run++) {
                serviceMs[run] = serviceRun(http, service, offsets, partitions);
                rawMs[run] = rawRun(raw);
                System.out.printf("run %d: service %,.0f ms (%,.0f events/s), raw producer %,.0f ms (%,.0f events/s)%n",
                        run + 1, serviceMs[run], EVENTS / (serviceMs[run] / 1000), rawMs[run], EVENTS / (rawMs[run] / 1000));
            }
            long peakKb = rss.stop();
            long afterKb = RssSampler.rssKb(service.pid());
            double s = SingleEventBench.median(serviceMs), r = SingleEventBench.median(rawMs);
            double serviceRate = EVENTS / (s / 1000), rawRate = EVENTS / (r / 1000);
            System.out.printf("%,d events in batches of %,d until all are on the topic, median of %d runs:%n", EVENTS, BATCH, RUNS);
            System.out.printf("  service (POST /v1/events batch mode -> MongoDB -> relay -> Kafka): %,8.0f ms  %,8.0f events/s%n", s, serviceRate);
            System.out.printf("  raw producer (acks=all, idempotent, same bytes, same broker):     %,8.0f ms  %,8.0f events/s%n", r, rawRate);
            System.out.printf("  service VmRSS: peak %d MB during the runs, %d MB after%n", peakKb / 1024, afterKb / 1024);
            System.out.printf("RATIO 1 batch-ingest-vs-raw-producer: %.2f (goal >= 0.25; %,.0f events/s service batch"
                    + " ingest until on the topic vs %,.0f events/s raw idempotent acks=all producer, %,d events in batches"
                    + " of %,d, median of %d)%n", serviceRate / rawRate, serviceRate, rawRate, EVENTS, BATCH, RUNS);
            System.out.printf("RATIO 6 rss-referral-under-ingest: %d MB (goal heap <= 256 MB; peak VmRSS of the referral"
                    + " service during batch ingest, %d MB after, JVM %s)%n", peakKb / 1024, afterKb / 1024, jvmOptions(service.pid()));
        }
    }

    /** One service run: every batch posted in turn, then wait until the topic holds every event. Milliseconds. */
    static double serviceRun(HttpClient http, ServiceProcess service, KafkaConsumer<byte[], byte[]> offsets,
                             List<TopicPartition> partitions) throws Exception {
        List<String> batches = new ArrayList<>();
        for (int n = 0; n < EVENTS; n += BATCH) {
            batches.add(batch(Math.min(BATCH, EVENTS - n)).toString());
        }
        long before = endOffsets(offsets, partitions);
        long t = System.nanoTime();
        for (String body : batches) {
            String answer = post(http, service, body);
            int size = JSON.readTree(body).size();
            if (!answer.contains("\"accepted\":" + size + ",")) {
                throw new IllegalStateException("not all accepted: " + answer.substring(0, Math.min(300, answer.length())));
            }
        }
        while (endOffsets(offsets, partitions) < before + EVENTS) {
            Thread.sleep(2);
        }
        return (System.nanoTime() - t) / 1e6;
    }

    /** One baseline run: the same kind of events, the same bytes a partner posts, each acknowledged. Milliseconds. */
    static double rawRun(KafkaProducer<String, byte[]> raw) throws Exception {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(EVENTS);
        for (int n = 0; n < EVENTS; n += BATCH) {
            for (var event : batch(Math.min(BATCH, EVENTS - n))) {
                records.add(new ProducerRecord<>(RAW_TOPIC, event.get("subject").textValue(),
                        event.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }
        long t = System.nanoTime();
        List<java.util.concurrent.Future<?>> sends = new ArrayList<>(records.size());
        for (var record : records) {
            sends.add(raw.send(record));
        }
        raw.flush();
        for (var send : sends) {
            send.get();
        }
        return (System.nanoTime() - t) / 1e6;
    }

    static String post(HttpClient http, ServiceProcess service, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/events"))
                .header("Content-Type", "application/cloudevents-batch+json")
                .header("Authorization", AuthorizedRequests.bearer()).timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** Half referrals of new people, then their take-ups (each after its referral in the batch). */
    static ArrayNode batch(int size) {
        ArrayNode events = JSON.createArrayNode();
        int people = size / 2;
        int first = PEOPLE.getAndAdd(people);
        for (int i = 0; i < people; i++) {
            events.add(referral(first + i));
        }
        for (int i = 0; i < people; i++) {
            ObjectNode takeUp = JSON.createObjectNode().put("specversion", "1.0").put("id", "bench-t-" + (first + i))
                    .put("source", "urn:ete:bench").put("type", "ete.referral.service-taken-up.v1")
                    .put("subject", crn(first + i));
            takeUp.putObject("data").put("takenUpOn", "2019-05-20");
            events.add(takeUp);
        }
        return events;
    }

    static String crn(int person) {
        return (char) ('A' + person / 1_000_000) + String.format("%06d", person % 1_000_000);
    }

    static ObjectNode referral(int person) {
        ObjectNode e = JSON.createObjectNode().put("specversion", "1.0").put("id", "bench-r-" + person)
                .put("source", "urn:ete:bench").put("type", "ete.referral.received.v1").put("subject", crn(person));
        e.putObject("data").put("referralDate", "2019-05-01").put("setting", "community").put("contractArea", "DLNR")
                .put("region", "East Midlands").put("team", "Nottingham North").put("office", "Nottingham")
                .put("gender", "male").put("dateOfBirth", "1990-02-14").put("ethnicity", "white")
                .put("offenceCategory", "burglary-domestic").put("ogrs3OneYearPercent", 35.5)
                .put("ogrs3TwoYearPercent", 52.0);
        return e;
    }

    static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) throws InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            Thread.sleep(100); // the service creates its topic at start
        }
        throw new IllegalStateException("topic " + topic + " has no partitions");
    }

    static long endOffsets(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        return consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream().mapToLong(Long::longValue).sum();
    }

    static Map<String, Object> consumerSettings(PlatformInfra infra) {
        Map<String, Object> c = new HashMap<>(infra.kafkaClientSettings());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return c;
    }

    /** The raw producer a team would write instead: the same durability settings the relay uses. */
    static Map<String, Object> producerSettings(PlatformInfra infra) {
        Map<String, Object> p = new HashMap<>(infra.kafkaClientSettings());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return p;
    }

    /** The heap and GC options the service JVM runs with, from its command line. */
    static String jvmOptions(long pid) throws java.io.IOException {
        String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        return String.join(" ", java.util.Arrays.stream(cmdline.split(" ")).filter(a -> a.startsWith("-X")).toList());
    }

    /** Samples a process's VmRSS every 20 ms on a daemon thread, keeping the peak. */
    static final class RssSampler {
        private final long pid;
        private final AtomicLong peakKb = new AtomicLong();
        private volatile boolean running;
        private Thread thread;

        RssSampler(long pid) {
            this.pid = pid;
        }

        void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    peakKb.accumulateAndGet(rssKb(pid), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peakKb.get();
        }

        static long rssKb(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
        }
    }
}
