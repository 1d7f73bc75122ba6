package org.ete.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code --to-kafka}: the NDJSON files straight onto the four topics, each event as its service's relay would publish
 * it after accepting it ({@link RelayRecords}), without the services. For loading millions of events where the
 * projection or a rebuild is what is measured, not the ingest. Each file is read in order on its own thread, so a
 * person's events keep their order and their stream versions count 1, 2, ... as the service's store would.
 * <p>
 * What the relay's checks would have refused is not refused here: the files are the simulator's own, valid by
 * construction (SchemaAndRulesTest).
 */
final class KafkaLoader {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was sent, per topic in file order, and how long it took. */
    record Stats(Map<String, Long> perTopic, long events, double seconds) {
        double eventsPerSecond() {
            return events / Math.max(1e-9, seconds);
        }
    }

    private KafkaLoader() {
    }

    static Stats load(Path dir, String bootstrap, String pseudonymisationKey, PrintStream progress)
            throws IOException, InterruptedException {
        new RelayRecords(pseudonymisationKey); // refuses a short key before anything is sent
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // The relay's delivery guarantees (acks=all, idempotent); larger batches than its 500-event rounds, since a
        // load is throughput, not latency.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "simulator-to-kafka");
        long started = System.nanoTime();
        AtomicLong sent = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Map<String, Long> perTopic = new java.util.LinkedHashMap<>();
        try (Producer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            ExecutorService pool = Executors.newFixedThreadPool(Generator.FILES.length);
            List<Future<long[]>> files = new ArrayList<>();
            for (String file : Generator.FILES) {
                Path path = dir.resolve(file);
                if (!Files.exists(path)) {
                    throw new IllegalArgumentException(path + " is missing");
                }
                files.add(pool.submit(() -> new long[] {sendFile(path, pseudonymisationKey, producer, sent, failure)}));
            }
            pool.shutdown();
            while (!pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                progress.printf(Locale.ROOT, "\rto Kafka: %,d events (%,.0f/s)", sent.get(),
                        sent.get() / ((System.nanoTime() - started) / 1e9));
            }
            for (int i = 0; i < files.size(); i++) {
                try {
                    perTopic.put(Generator.FILES[i], files.get(i).get()[0]);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("sending " + Generator.FILES[i] + " failed", e.getCause());
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the broker refused a record", failure.get());
        }
        progress.println();
        long total = perTopic.values().stream().mapToLong(Long::longValue).sum();
        return new Stats(perTopic, total, (System.nanoTime() - started) / 1e9);
    }

    private static long sendFile(Path path, String key, Producer<String, byte[]> producer, AtomicLong sent,
                                 AtomicReference<Exception> failure) throws IOException {
        RelayRecords records = new RelayRecords(key);
        Map<String, int[]> versions = new HashMap<>();
        long n = 0;
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                if (failure.get() != null) {
                    break;
                }
                JsonNode event = JSON.readTree(line);
                int[] version = versions.computeIfAbsent(event.get("subject").textValue(), s -> new int[1]);
                version[0]++;
                // the store keeps recordedAt to the millisecond
                Instant recordedAt = Instant.ofEpochMilli(System.currentTimeMillis());
                producer.send(records.record(event, version[0], recordedAt), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                n++;
                sent.incrementAndGet();
            }
        }
        return n;
    }
}
