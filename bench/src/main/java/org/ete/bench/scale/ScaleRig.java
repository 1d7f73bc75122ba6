package org.ete.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ete.contracts.Topics;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.ServiceProcess;
import org.ete.testsupport.TestTokens;
import org.ete.tokens.Roles;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the scale benches share: the four topics loaded straight from the simulator ({@code --to-kafka}), the packaged
 * analysis service against them, its admin API (projection status, rebuild), a raw Kafka consumer reading the same
 * topics as the baseline, and the service process's memory (RSS, heap after a full GC).
 */
public final class ScaleRig {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String ANALYSIS = "reoffending-analysis-service";

    private final PlatformInfra infra;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String opsToken = TestTokens.forRole(Roles.OPS);
    private final String analystToken = TestTokens.forRole(Roles.ANALYST);

    public ScaleRig(PlatformInfra infra) {
        this.infra = infra;
    }

    public PlatformInfra infra() {
        return infra;
    }

    /** The four producer topics, emptied: deleted and created again (3 partitions each, as the embedded infra has). */
    public void freshTopics() throws Exception {
        Map<String, Object> conf = new HashMap<>(infra.kafkaClientSettings());
        conf.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        try (Admin admin = Admin.create(conf)) {
            List<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS).stream()
                    .filter(Topics.PRODUCER_TOPICS::contains).toList();
            if (!existing.isEmpty()) {
                admin.deleteTopics(existing).all().get(60, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (admin.listTopics().names().get(60, TimeUnit.SECONDS).stream()
                        .anyMatch(Topics.PRODUCER_TOPICS::contains)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("topics not deleted within 60 s");
                    }
                    Thread.sleep(200);
                }
            }
        }
        infra.ensureTopics(3, Topics.PRODUCER_TOPICS.toArray(String[]::new));
    }

    /**
     * Generates {@code people} take-ups with the simulator and writes them onto the topics as the relays would; returns
     * the simulator's summary lines. Runs {@code tools/simulator/simulate} (its own JVM, its own heap).
     */
    public List<String> load(int people, Path dir) throws IOException, InterruptedException {
        Path simulate = root().resolve("tools/simulator/simulate");
        ProcessBuilder pb = new ProcessBuilder(simulate.toString(), "--people", Integer.toString(people), "--out",
                dir.toString(), "--to-kafka", infra.kafkaBootstrapServers(), "--pseudonymisation-key",
                ServiceProcess.TEST_PSEUDONYMISATION_KEY).redirectErrorStream(true);
        pb.environment().putIfAbsent("SIMULATOR_JAVA_OPTS", "-Xmx6g -XX:+UseParallelGC");
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (var in = p.inputReader()) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.startsWith("\r") && !line.contains("to Kafka: ")) {
                    lines.add(line);
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("simulate failed: " + String.join("\n", lines));
        }
        return lines;
    }

    /** Records on the four topics now. */
    public long records() {
        try (KafkaConsumer<byte[], byte[]> c = rawConsumer()) {
            List<TopicPartition> parts = partitions(c);
            return c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum()
                    - c.beginningOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The baseline: one plain consumer, byte[] in and out, reading every record of the four topics. */
    public RawRead rawRead() {
        try (KafkaConsumer<byte[], byte[]> c = rawConsumer()) {
            List<TopicPartition> parts = partitions(c);
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long started = System.nanoTime();
            long cpuStarted = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long records = 0;
            long bytes = 0;
            while (true) {
                ConsumerRecords<byte[], byte[]> polled = c.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> r : polled) {
                    records++;
                    bytes += r.serializedValueSize() + Math.max(0, r.serializedKeySize());
                }
                boolean done = true;
                for (TopicPartition tp : parts) {
                    done &= c.position(tp) >= end.get(tp);
                }
                if (done) {
                    return new RawRead(records, bytes, (System.nanoTime() - started) / 1e9,
                            (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()
                                    - cpuStarted) / 1e9);
                }
            }
        }
    }

    /** {@code cpuSeconds}: the consumer's own thread (the broker's CPU is the infra's, measured by the caller). */
    public record RawRead(long records, long bytes, double seconds, double cpuSeconds) {
        public double perSecond() {
            return records / seconds;
        }
    }

    /** The packaged analysis service on its own database and consumer group; {@code jvmOptions} via JAVA_TOOL_OPTIONS. */
    public ServiceProcess startAnalysis(String name, String jvmOptions) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of("PROJECTION_GROUP_ID", name));
        if (jvmOptions != null && !jvmOptions.isBlank()) {
            env.put("JAVA_TOOL_OPTIONS", jvmOptions);
        }
        return ServiceProcess.start(ANALYSIS, infra, name, env);
    }

    public JsonNode status(ServiceProcess service) throws IOException, InterruptedException {
        return get(service, "/v1/admin/projections", opsToken);
    }

    /**
     * Waits until the live projection has handled {@code records} since start and its lag is 0; returns the seconds
     * from the call.
     */
    public double awaitProjected(ServiceProcess service, long records, Duration timeout) throws Exception {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode active = status(service).path("active");
            if (active.path("recordsHandled").asLong() >= records && active.path("lag").isNumber()
                    && active.path("lag").asLong() == 0) {
                return (System.nanoTime() - started) / 1e9;
            }
            Thread.sleep(1000); // every GET is audited (a MongoDB write): poll gently
        }
        throw new IllegalStateException("not projected within " + timeout + ": " + status(service));
    }

    /** Starts a rebuild and waits until it is done; the seconds from the POST to done, and the final status. */
    public Rebuilt rebuild(ServiceProcess service, Duration timeout) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl()
                        + "/v1/admin/projections/rebuild")).header("Authorization", "Bearer " + opsToken)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("rebuild: " + r.statusCode() + " " + r.body());
        }
        long deadline = started + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode s = status(service);
            String state = s.path("rebuild").path("state").asText();
            if (state.equals("done")) {
                return new Rebuilt((System.nanoTime() - started) / 1e9, s);
            }
            if (state.equals("failed")) {
                throw new IllegalStateException("rebuild failed: " + s);
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("rebuild not done within " + timeout + ": " + status(service));
    }

    public record Rebuilt(double seconds, JsonNode status) {
    }

    /** An analyst GET (a view); its JSON, and how long it took. */
    public Timed<JsonNode> view(ServiceProcess service, String pathAndQuery) throws IOException, InterruptedException {
        long t = System.nanoTime();
        JsonNode body = get(service, pathAndQuery, analystToken);
        return new Timed<>(body, (System.nanoTime() - t) / 1e6);
    }

    public record Timed<T>(T value, double millis) {
    }

    private JsonNode get(ServiceProcess service, String pathAndQuery, String token)
            throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .timeout(Duration.ofMinutes(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + pathAndQuery + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** The JVM of the packaged analysis service started by this bench (a child process of this one). */
    public static ProcessHandle analysisProcess() {
        return ProcessHandle.current().children().filter(p -> commandLine(p).contains(ANALYSIS + "/target/quarkus-app"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no analysis service process"));
    }

    /** CPU seconds a process has used so far (all its threads). */
    public static double cpuSeconds(ProcessHandle p) {
        return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** The embedded infrastructure's JVM (deploy/local-infra), a child of this one. */
    public static Optional<ProcessHandle> infraProcess() {
        return ProcessHandle.current().children().filter(p -> commandLine(p).contains("org.ete.localinfra.LocalInfra"))
                .findFirst();
    }

    /** The whole command line from /proc (ProcessHandle.Info leaves out a long one, such as the launcher's classpath). */
    private static String commandLine(ProcessHandle p) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"))).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    /** Resident set size of a process, in MB (Linux /proc). */
    public static double rssMb(ProcessHandle p) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for " + p.pid());
    }

    /** Heap in use after a full GC, in MB ({@code jcmd GC.run}, then {@code GC.heap_info}'s used figure). */
    public static Optional<Double> heapAfterGcMb(ProcessHandle p) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, Long.toString(p.pid()), "GC.run");
        String info = run(jcmd, Long.toString(p.pid()), "GC.heap_info");
        // Serial GC: "def new generation total 78656K, used 1234K" and "tenured generation total ..., used ...K"
        double used = 0;
        boolean found = false;
        var m = java.util.regex.Pattern.compile("(generation|heap)\\s+total \\d+K, used (\\d+)K").matcher(info);
        while (m.find()) {
            used += Long.parseLong(m.group(2)) / 1024.0;
            found = true;
        }
        return found ? Optional.of(used) : Optional.empty();
    }

    /** The maximum heap the process runs with (-Xmx), in MB, from jcmd VM.flags. */
    public static Optional<Double> maxHeapMb(ProcessHandle p) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        var m = java.util.regex.Pattern.compile("MaxHeapSize=(\\d+)").matcher(run(jcmd, Long.toString(p.pid()),
                "VM.flags"));
        return m.find() ? Optional.of(Long.parseLong(m.group(1)) / 1048576.0) : Optional.empty();
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private KafkaConsumer<byte[], byte[]> rawConsumer() {
        Map<String, Object> conf = new HashMap<>(infra.kafkaClientSettings());
        conf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        conf.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-raw-consumer");
        return new KafkaConsumer<>(conf, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> c) {
        List<TopicPartition> out = new ArrayList<>();
        for (String topic : Topics.PRODUCER_TOPICS) {
            for (PartitionInfo info : c.partitionsFor(topic)) {
                out.add(new TopicPartition(topic, info.partition()));
            }
        }
        return out;
    }

    /** The repository root (bench/run runs from it; the bench may also be started from bench/). */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("tools/simulator/simulate"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }

    public static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
