package org.ete.testsupport;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Kafka broker and MongoDB server for tests and benchmarks. {@link #start()} starts the one this JVM shares,
 * at most once: external (env KAFKA_BOOTSTRAP_SERVERS + MONGODB_URI), else Testcontainers if Docker answers, else the
 * embedded launcher (deploy/local-infra) as a child JVM that exits when our pipe on its stdin closes.
 * System property {@code ete.infra=embedded} skips the Docker probe. {@link #startEmbedded(SaslPlain)} starts a
 * launcher of the caller's own whose Kafka accepts only clients that log in.
 */
public final class PlatformInfra {

    public static final String EXTERNAL = "external";
    public static final String TESTCONTAINERS = "testcontainers";
    public static final String EMBEDDED = "embedded";

    // Quarkus may load this class in several class loaders within one JVM, so static fields are not enough:
    // the started infra is published in system properties and the lock is an interned (JVM-wide) string.
    private static final String LOCK = "org.ete.testsupport.PlatformInfra#lock";
    private static final String P_KAFKA = "ete.platform-infra.kafka";
    private static final String P_MONGO = "ete.platform-infra.mongodb";
    private static final String P_KIND = "ete.platform-infra.kind";
    private static final String P_FAILURE = "ete.platform-infra.failure";

    private static final Pattern READY =
            Pattern.compile("LOCAL-INFRA READY kafka=(\\S+) kafka-security-protocol=\\S+ mongodb=(\\S+)");
    private static final long READY_TIMEOUT_S = 90;

    private final String kafkaBootstrapServers;
    /** What a Kafka client needs besides bootstrap.servers: empty for a PLAINTEXT listener. */
    private final Map<String, Object> kafkaSecurity;
    private final String mongoUri;
    private final String kind;

    private PlatformInfra(String kafkaBootstrapServers, Map<String, Object> kafkaSecurity, String mongoUri,
                          String kind) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.kafkaSecurity = Map.copyOf(kafkaSecurity);
        this.mongoUri = mongoUri;
        this.kind = kind;
    }

    private PlatformInfra(String kafkaBootstrapServers, String mongoUri, String kind) {
        this(kafkaBootstrapServers, Map.of(), mongoUri, kind);
    }

    /**
     * The one user of a SASL/PLAIN Kafka listener. The user name must be letters, digits, '-' or '_' (the launcher
     * refuses others); the password may be anything.
     */
    public record SaslPlain(String username, String password) {

        /** The JAAS login of this user, the value of a client's {@code sasl.jaas.config}. */
        public String jaasConfig() {
            return "org.apache.kafka.common.security.plain.PlainLoginModule required username=" + quoted(username)
                    + " password=" + quoted(password) + ";";
        }

        /** What a client needs besides bootstrap.servers to log in as this user. */
        public Map<String, Object> clientSettings() {
            return Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                    SaslConfigs.SASL_MECHANISM, "PLAIN",
                    SaslConfigs.SASL_JAAS_CONFIG, jaasConfig());
        }

        /** Never the password: a record would print it. */
        @Override
        public String toString() {
            return "SaslPlain[" + username + "]";
        }

        // Kafka's JAAS parser reads backslash escapes inside double quotes (the launcher quotes the same way; the
        // two share no classpath).
        private static String quoted(String value) {
            return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
    }

    /** Starts (once per JVM) or returns the running infrastructure; its Kafka listener is PLAINTEXT. */
    public static PlatformInfra start() {
        synchronized (LOCK) {
            String failure = System.getProperty(P_FAILURE);
            if (failure != null) {
                // Do not spend another 90 s per test class on a start that already failed.
                throw new IllegalStateException("platform infra failed to start earlier in this JVM: " + failure);
            }
            if (System.getProperty(P_KIND) == null) {
                try {
                    PlatformInfra started = doStart();
                    System.setProperty(P_KAFKA, started.kafkaBootstrapServers);
                    System.setProperty(P_MONGO, started.mongoUri);
                    System.setProperty(P_KIND, started.kind);
                } catch (RuntimeException e) {
                    System.setProperty(P_FAILURE, String.valueOf(e.getMessage()));
                    throw e;
                }
            }
            return new PlatformInfra(System.getProperty(P_KAFKA), System.getProperty(P_MONGO),
                    System.getProperty(P_KIND));
        }
    }

    /**
     * Starts a new embedded launcher, not the one {@link #start()} shares: its only Kafka client listener is
     * SASL_PLAINTEXT with mechanism PLAIN and accepts only {@code user}. It runs until this JVM exits.
     */
    public static PlatformInfra startEmbedded(SaslPlain user) {
        return launch(List.of("--kafka-sasl-plain", user.username() + ":" + user.password()), user.clientSettings());
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /**
     * What a Kafka client of this infrastructure is configured with to connect, in Kafka's client config names:
     * {@code bootstrap.servers}, and for a secured listener {@code security.protocol}, {@code sasl.mechanism} and
     * {@code sasl.jaas.config}. A client adds its role's settings (serialisers, group, acks) on top.
     */
    public Map<String, Object> kafkaClientSettings() {
        Map<String, Object> settings = new HashMap<>(kafkaSecurity);
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers);
        return Map.copyOf(settings);
    }

    /**
     * {@link #kafkaClientSettings()} as a packaged service's environment ({@code KAFKA_BOOTSTRAP_SERVERS},
     * {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG}): Quarkus maps
     * {@code KAFKA_*} variables onto its {@code kafka.*} configuration, from which every client of a service is built.
     */
    public Map<String, String> kafkaEnvironment() {
        return environmentVariables(kafkaClientSettings());
    }

    /** {@code KAFKA_} and the name upper-cased with '_' for '.': the names Quarkus maps back onto {@code kafka.*}. */
    static Map<String, String> environmentVariables(Map<String, Object> kafkaClientSettings) {
        Map<String, String> env = new HashMap<>();
        kafkaClientSettings.forEach((name, value) ->
                env.put("KAFKA_" + name.toUpperCase(Locale.ROOT).replace('.', '_'), String.valueOf(value)));
        return Map.copyOf(env);
    }

    /** A connection string without a database: each test class picks its own database name. */
    public String mongoUri() {
        return mongoUri;
    }

    /** "external", "testcontainers" or "embedded". */
    public String kind() {
        return kind;
    }

    /** Creates the topics that are missing (replication 1, infinite retention); existing ones are left alone. */
    public void ensureTopics(int partitions, String... topics) {
        Map<String, Object> conf = new HashMap<>(kafkaClientSettings());
        conf.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        try (Admin admin = Admin.create(conf)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String t : topics) {
                if (!existing.contains(t)) {
                    missing.add(new NewTopic(t, partitions, (short) 1)
                            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")));
                }
            }
            if (!missing.isEmpty()) admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) { // lost a race with another creator: fine
                throw new IllegalStateException("could not create topics " + List.of(topics), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topics " + List.of(topics), e);
        }
    }

    private static PlatformInfra doStart() {
        String kafka = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        String mongo = System.getenv("MONGODB_URI");
        if (notBlank(kafka) && notBlank(mongo)) {
            return new PlatformInfra(kafka, mongo, EXTERNAL);
        }
        if (!EMBEDDED.equals(System.getProperty("ete.infra")) && dockerAvailable()) {
            return Containers.start();
        }
        return launch(List.of(), Map.of());
    }

    // ---- Docker / Testcontainers ----

    /**
     * Asks Testcontainers only if some Docker endpoint could plausibly exist; otherwise it logs a long error and
     * probes several strategies. Bounded by a timeout in case a socket exists but nothing answers.
     */
    private static boolean dockerAvailable() {
        String home = System.getProperty("user.home", "");
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        boolean candidate = notBlank(System.getenv("DOCKER_HOST"))
                || Files.exists(Paths.get(home, ".testcontainers.properties"))
                || Files.exists(Paths.get("/var/run/docker.sock"))
                || Files.exists(Paths.get(home, ".docker/run/docker.sock"))
                || Files.exists(Paths.get(home, ".docker/desktop/docker.sock"))
                || (xdg != null && (Files.exists(Paths.get(xdg, "docker.sock"))
                        || Files.exists(Paths.get(xdg, "podman/podman.sock"))));
        if (!candidate) return false;
        CompletableFuture<Boolean> probe = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                probe.complete(org.testcontainers.DockerClientFactory.instance().isDockerAvailable());
            } catch (Throwable e) {
                probe.complete(false);
            }
        }, "platform-infra-docker-probe");
        t.setDaemon(true);
        t.start();
        try {
            return probe.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    /** Separate class so Testcontainers' classes load only when Docker is really used. */
    private static final class Containers {
        static PlatformInfra start() {
            var kafka = new org.testcontainers.kafka.KafkaContainer("apache/kafka:4.1.1");
            var mongo = new org.testcontainers.mongodb.MongoDBContainer("mongo:7");
            kafka.start();
            mongo.start();
            // Ryuk would reap them anyway; stopping here is just tidier.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.stop();
                mongo.stop();
            }, "platform-infra-containers-stop"));
            return new PlatformInfra(kafka.getBootstrapServers(), mongo.getConnectionString(), TESTCONTAINERS);
        }
    }

    // ---- embedded launcher (child JVM) ----

    /** Starts the launcher with {@code options} besides its random ports; clients connect with {@code kafkaSecurity}. */
    private static PlatformInfra launch(List<String> options, Map<String, Object> kafkaSecurity) {
        Path dir = localInfraDir();
        Path cpFile = dir.resolve("target/launcher.classpath");
        Path classes = dir.resolve("target/classes");
        if (!Files.isRegularFile(cpFile) || !Files.isDirectory(classes)) {
            throw new IllegalStateException("embedded infra not built: " + cpFile + " or " + classes
                    + " missing; run `mvn -pl deploy/local-infra compile` first");
        }
        String cp;
        try {
            cp = classes + File.pathSeparator + Files.readString(cpFile).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + cpFile, e);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        // Serial GC + C1 only: about a second faster to READY on 2 cores. Benchmarks wanting full JIT can pass
        // -Dete.local-infra.jvm-args="-Xmx384m".
        cmd.addAll(List.of(System.getProperty("ete.local-infra.jvm-args",
                "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1").trim().split("\\s+")));
        cmd.addAll(List.of("-cp", cp, "org.ete.localinfra.LocalInfra", "--kafka-port", "0", "--mongo-port", "0"));
        cmd.addAll(options);
        Process p;
        try {
            // stdin stays a pipe held by this JVM: when we die, the launcher sees EOF and exits.
            p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded infra: " + cmd.get(0), e);
        }
        Deque<String> errTail = new ArrayDeque<>();
        drain(p.getErrorStream(), "platform-infra-stderr", line -> {
            synchronized (errTail) {
                errTail.addLast(line);
                if (errTail.size() > 40) errTail.removeFirst();
            }
        });
        CompletableFuture<Matcher> ready = new CompletableFuture<>();
        drain(p.getInputStream(), "platform-infra-stdout", line -> {
            Matcher m = READY.matcher(line);
            if (m.matches()) ready.complete(m);
        }, () -> ready.complete(null));
        Matcher m;
        try {
            m = ready.get(READY_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            m = null;
        }
        if (m == null) {
            p.destroyForcibly();
            String tail;
            synchronized (errTail) {
                tail = String.join("\n", errTail);
            }
            throw new IllegalStateException("embedded infra (" + dir + ") gave no READY line within "
                    + READY_TIMEOUT_S + " s" + (p.isAlive() ? "" : " (it exited)") + "; its stderr ends with:\n" + tail);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(p), "platform-infra-stop"));
        return new PlatformInfra(m.group(1), kafkaSecurity, m.group(2), EMBEDDED);
    }

    /** Closing stdin asks for a clean stop; a signal follows if that takes over 10 s. */
    private static void stop(Process p) {
        try {
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            p.destroyForcibly();
        }
    }

    /** ete.local-infra.dir (set by the parent pom for surefire/failsafe), else walk up from user.dir. */
    private static Path localInfraDir() {
        String prop = System.getProperty("ete.local-infra.dir");
        if (notBlank(prop)) return Paths.get(prop);
        for (Path d = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("deploy/local-infra");
            if (Files.isDirectory(candidate)) return candidate;
        }
        throw new IllegalStateException("cannot find deploy/local-infra above " + System.getProperty("user.dir")
                + "; set -Dete.local-infra.dir");
    }

    private static void drain(InputStream in, String name, java.util.function.Consumer<String> onLine) {
        drain(in, name, onLine, () -> { });
    }

    // Both child streams must be read continuously, or a full pipe would block the launcher.
    private static void drain(InputStream in, String name, java.util.function.Consumer<String> onLine,
                              Runnable onEnd) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) onLine.accept(line);
            } catch (IOException ignored) {
                // child gone
            } finally {
                onEnd.run();
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public String toString() {
        return kind + " kafka=" + kafkaBootstrapServers + " ("
                + kafkaSecurity.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT") + ") mongodb="
                + mongoUri;
    }
}
