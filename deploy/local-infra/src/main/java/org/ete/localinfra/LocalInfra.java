package org.ete.localinfra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.ete.localinfra.mongo.ScanRecordingMemoryBackend;
import org.ete.localinfra.mongo.TypedH2Backend;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One JVM holding a real single-node Kafka broker (KRaft, combined broker+controller) and a MongoDB
 * wire-protocol server (mongo-java-server). Prints one READY line on stdout (addresses and the Kafka client listener's
 * security protocol); everything else goes to stderr. With {@code --kafka-sasl-plain USER:PASSWORD} the client
 * listener is SASL_PLAINTEXT and accepts only that user (for tests of a secured cluster; PLAIN sends the password in
 * clear, so this is no protection beyond the loopback interface).
 */
public final class LocalInfra {

    static final String HOST = "127.0.0.1";
    static final String DEFAULT_TOPICS =
            "referral.events.v1,training.events.v1,employment.events.v1,peer-mentor.events.v1,analysis.alerts.v1,"
                    + "privacy.erasures.v1";

    private final PrintStream err = System.err;
    private volatile KafkaRaftServer kafka;
    private volatile MongoServer mongo;
    private volatile Path tempKafkaDir;
    private volatile boolean stopping;

    public static void main(String[] args) {
        Options opts;
        try {
            opts = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("local-infra: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        new LocalInfra().run(opts);
    }

    private void run(Options o) {
        long t0 = System.nanoTime();
        // Check fixed ports first: a clear message beats a stack trace from deep inside Kafka or Netty.
        try {
            if (o.kafkaPort != 0) requireFree(o.kafkaPort, "Kafka (--kafka-port)");
            if (o.mongoPort != 0) requireFree(o.mongoPort, "MongoDB (--mongo-port)");
        } catch (IllegalStateException e) {
            err.println("local-infra: " + e.getMessage());
            System.exit(3);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "local-infra-shutdown"));
        if (o.stdinWatch) startStdinWatch();

        int kafkaPort;
        int mongoPort;
        try {
            mongoPort = startMongo(o);
            kafkaPort = startKafka(o);
            createTopics(kafkaPort, o);
        } catch (Throwable e) {
            err.println("local-infra: startup failed: " + e);
            e.printStackTrace(err);
            System.exit(1);
            return;
        }
        err.printf("local-infra: up in %d ms (kafka data: %s, mongodb: %s)%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
                o.dataDir == null ? "temporary" : o.dataDir.resolve("kafka"),
                o.dataDir == null ? "in memory" : o.dataDir.resolve("mongodb.mv"));
        System.out.println("LOCAL-INFRA READY kafka=" + HOST + ":" + kafkaPort
                + " kafka-security-protocol=" + o.kafkaSecurityProtocol()
                + " mongodb=mongodb://" + HOST + ":" + mongoPort);
        System.out.flush();

        // Keep main alive while the broker runs; if Kafka dies on its own, exit non-zero.
        kafka.awaitShutdown();
        if (!stopping) {
            err.println("local-infra: Kafka stopped unexpectedly");
            System.exit(1);
        }
    }

    private int startMongo(Options o) throws IOException {
        MongoBackend backend;
        if (o.dataDir != null) {
            // H2 MVStore file: documents survive a restart (index keys typed for speed, see TypedH2Backend).
            backend = TypedH2Backend.open(o.dataDir, o.mongoCacheMb);
        } else {
            backend = new ScanRecordingMemoryBackend(); // records scans: tests prove hot paths hit an index
        }
        // No version(...) call: keep the library's default (newest) wire version.
        MongoServer server = new MongoServer(backend);
        server.bind(HOST, o.mongoPort);
        mongo = server;
        return server.getLocalAddress().getPort();
    }

    private int startKafka(Options o) throws Exception {
        Path logDir;
        if (o.dataDir != null) {
            logDir = o.dataDir.resolve("kafka");
        } else {
            logDir = Files.createTempDirectory("local-infra-kafka-");
            tempKafkaDir = logDir;
        }
        Files.createDirectories(logDir);
        int port = o.kafkaPort != 0 ? o.kafkaPort : freePort();
        // The controller listener is internal; its port only needs to be free now (static quorum, so it may change
        // between restarts of a persistent data dir).
        int controllerPort = freePort();

        KafkaConfig config = KafkaConfig.fromProps(brokerConfig(o, port, controllerPort, logDir), false);

        if (Files.exists(logDir.resolve("meta.properties"))) {
            err.println("local-infra: Kafka storage already formatted at " + logDir);
        } else {
            new Formatter()
                    .setPrintStream(err) // the formatter prints progress; stdout is reserved for READY
                    .setNodeId(config.nodeId())
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setHasDynamicQuorum(false) // static controller.quorum.voters
                    .setIgnoreFormatted(true)
                    .addDirectory(logDir.toString())
                    .run();
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        kafka = server;
        // Returns once the broker is unfenced and its listeners accept connections.
        server.startup();
        return port;
    }

    /** The broker's configuration: a single KRaft node (broker and controller), sized for two cores. */
    static Properties brokerConfig(Options o, int port, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        // One client listener, named after its protocol; the broker also uses it as its inter-broker listener (a
        // single node replicates to no one, but Kafka requires one among the advertised listeners). The controller
        // listener stays PLAINTEXT: only this JVM's broker talks to it.
        String client = o.kafkaSecurityProtocol();
        p.put("listeners", client + "://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", client + "://" + HOST + ":" + port);
        p.put("listener.security.protocol.map", client + ":" + client + ",CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", client);
        if (o.saslPlain != null) {
            p.put("sasl.enabled.mechanisms", SaslPlain.MECHANISM);
            p.put("sasl.mechanism.inter.broker.protocol", SaslPlain.MECHANISM);
            p.put("listener.name." + client.toLowerCase(Locale.ROOT) + ".plain.sasl.jaas.config",
                    o.saslPlain.brokerJaasConfig());
        }
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", Integer.toString(o.partitions));
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Local infra: keep everything (event topics are the system of record).
        p.put("log.retention.ms", "-1");
        p.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
        p.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
        // Default cleaner buffer is 128 MiB of heap; the launcher runs in ~384 MiB.
        p.put("log.cleaner.dedupe.buffer.size", Long.toString(8L * 1024 * 1024));
        p.put("log.cleaner.threads", "1");
        // Two cores: few threads.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("num.replica.fetchers", "1");
        return p;
    }

    private void createTopics(int kafkaPort, Options o) throws Exception {
        List<String> topics = o.topics;
        if (topics.isEmpty()) return;
        Map<String, Object> conf = new HashMap<>(o.kafkaClientSecurity());
        conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + kafkaPort);
        conf.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        try (Admin admin = Admin.create(conf)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String t : topics) {
                if (!existing.contains(t)) {
                    missing.add(new NewTopic(t, o.partitions, (short) 1)
                            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")));
                }
            }
            if (!missing.isEmpty()) admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            // Creation returns before the broker leads the new partitions; READY should mean "produce works now".
            // ListOffsets is answered only by the partition leader's replica manager (the admin retries meanwhile).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    for (TopicDescription d : admin.describeTopics(topics).allTopicNames()
                            .get(60, TimeUnit.SECONDS).values()) {
                        d.partitions().forEach(
                                p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
                    }
                    admin.listOffsets(latest).all().get(60, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    // e.g. UnknownTopicOrPartition while the new topics reach the broker's metadata
                    if (System.nanoTime() > deadline) throw e;
                    Thread.sleep(100);
                }
            }
        }
    }

    /** Shutdown hook: Kafka first (clean log close), then MongoDB (closes and commits the H2 store). */
    private synchronized void stop() {
        if (stopping) return;
        stopping = true;
        // A stop racing a half-finished startup could hang; never outlive the parent by more than 30 s.
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException ignored) {
                return;
            }
            err.println("local-infra: clean stop took over 30 s, halting");
            Runtime.getRuntime().halt(1);
        }, "local-infra-halt-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        KafkaRaftServer k = kafka;
        if (k != null) {
            try {
                k.shutdown();
                k.awaitShutdown();
            } catch (Throwable e) {
                err.println("local-infra: Kafka shutdown: " + e);
            }
        }
        MongoServer m = mongo;
        if (m != null) {
            try {
                m.shutdown();
            } catch (Throwable e) {
                err.println("local-infra: MongoDB shutdown: " + e);
            }
        }
        Path tmp = tempKafkaDir;
        if (tmp != null) deleteRecursively(tmp);
        err.println("local-infra: stopped");
    }

    /** Exit when the parent's pipe on our stdin closes, so a killed parent leaves no orphan. */
    private void startStdinWatch() {
        if (stdinIsDevNull()) {
            // Detached run (`</dev/null`): EOF is immediate and means nothing; rely on signals instead.
            err.println("local-infra: stdin is /dev/null, not watching it");
            return;
        }
        Thread t = new Thread(() -> {
            byte[] buf = new byte[256];
            try {
                InputStream in = System.in;
                while (in.read(buf) != -1) {
                    // discard
                }
            } catch (IOException ignored) {
                // treat as EOF
            }
            err.println("local-infra: stdin closed, shutting down");
            System.exit(0);
        }, "local-infra-stdin-watch");
        t.setDaemon(true);
        t.start();
    }

    private static boolean stdinIsDevNull() {
        try {
            return Files.readSymbolicLink(Paths.get("/proc/self/fd/0")).toString().equals("/dev/null");
        } catch (Exception e) {
            return false; // not Linux, or no /proc: keep watching
        }
    }

    private static void requireFree(int port, String what) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " for " + what + " on " + HOST
                    + " is already in use (" + e.getMessage() + "); choose another or use 0 for a free port");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort for a temp dir
        }
    }

    static final class Options {
        static final String USAGE = "usage: LocalInfra [--kafka-port N] [--mongo-port N] [--data-dir DIR]"
                + " [--mongo-cache-mb N] [--topics a,b,c] [--partitions N] [--kafka-sasl-plain USER:PASSWORD]"
                + " [--no-stdin-watch]";
        int kafkaPort = 9092;
        int mongoPort = 27017;
        Path dataDir;
        List<String> topics = split(DEFAULT_TOPICS);
        int partitions = 3;
        /** MVStore page cache for --data-dir; about a quarter of -Xmx leaves room for the broker. */
        int mongoCacheMb = 256;
        boolean stdinWatch = true;
        /** Null: the client listener is PLAINTEXT. Else SASL_PLAINTEXT, accepting only this user. */
        SaslPlain saslPlain;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--no-stdin-watch" -> o.stdinWatch = false;
                    case "--kafka-port" -> o.kafkaPort = port(value(args, ++i, a), a);
                    case "--mongo-port" -> o.mongoPort = port(value(args, ++i, a), a);
                    case "--data-dir" -> o.dataDir = Paths.get(value(args, ++i, a)).toAbsolutePath();
                    case "--mongo-cache-mb" -> {
                        o.mongoCacheMb = number(value(args, ++i, a), a);
                        if (o.mongoCacheMb < 1) throw new IllegalArgumentException("--mongo-cache-mb must be >= 1");
                    }
                    case "--topics" -> o.topics = split(value(args, ++i, a));
                    case "--kafka-sasl-plain" -> o.saslPlain = SaslPlain.parse(value(args, ++i, a));
                    case "--partitions" -> {
                        o.partitions = number(value(args, ++i, a), a);
                        if (o.partitions < 1) throw new IllegalArgumentException("--partitions must be >= 1");
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            return o;
        }

        String kafkaSecurityProtocol() {
            return saslPlain == null ? "PLAINTEXT" : SaslPlain.PROTOCOL;
        }

        /** What a client of the client listener needs besides bootstrap.servers (nothing for PLAINTEXT). */
        Map<String, Object> kafkaClientSecurity() {
            return saslPlain == null ? Map.of() : saslPlain.clientSettings();
        }

        private static String value(String[] args, int i, String opt) {
            if (i >= args.length) throw new IllegalArgumentException(opt + " needs a value");
            return args[i];
        }

        private static int number(String v, String opt) {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(opt + ": not a number: " + v);
            }
        }

        private static int port(String v, String opt) {
            int p = number(v, opt);
            if (p < 0 || p > 65535) throw new IllegalArgumentException(opt + ": port out of range: " + v);
            return p;
        }

        private static List<String> split(String csv) {
            return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
    }
}
