package org.ete.localinfra;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the launcher as a child process, exactly as test-support and run scripts do. */
class LocalInfraIT {

    private static final Pattern READY =
            Pattern.compile("LOCAL-INFRA READY kafka=(\\S+) kafka-security-protocol=(\\S+) mongodb=(\\S+)");

    @Test
    void kafkaAndMongoWorkAndChildExitsWhenStdinCloses() throws Exception {
        try (Child c = Child.start("--kafka-port", "0", "--mongo-port", "0")) {
            assertEquals("PLAINTEXT", c.securityProtocol);
            String topic = "training.events.v1"; // created at start, before READY
            produce(c.plaintext(), topic, "k1", "hello");
            assertEquals(List.of("k1=hello"), consume(c.plaintext(), topic, 1));

            try (MongoClient client = MongoClients.create(c.mongoUri)) {
                MongoCollection<Document> col = client.getDatabase("local_infra_test").getCollection("docs");
                col.insertOne(new Document("_id", "a").append("n", 42));
                Document read = col.find(new Document("_id", "a")).first();
                assertNotNull(read);
                assertEquals(42, read.getInteger("n"));
            }

            c.process.getOutputStream().close(); // parent "dies": the pipe closes
            assertTrue(c.process.waitFor(60, TimeUnit.SECONDS), "launcher did not exit after stdin closed");
            assertEquals(0, c.process.exitValue(), c.stderr());
        }
    }

    @Test
    void dataDirKeepsKafkaRecordsAndMongoDocsAcrossRestart(@TempDir Path dir) throws Exception {
        String topic = "referral.events.v1"; // a default topic, created at start
        try (Child c = Child.start("--kafka-port", "0", "--mongo-port", "0", "--data-dir", dir.toString())) {
            produce(c.plaintext(), topic, "p1", "kept");
            try (MongoClient client = MongoClients.create(c.mongoUri)) {
                client.getDatabase("keep").getCollection("docs").insertOne(new Document("_id", "x"));
            }
            c.stopAndWait();
        }
        try (Child c = Child.start("--kafka-port", "0", "--mongo-port", "0", "--data-dir", dir.toString())) {
            assertEquals(List.of("p1=kept"), consume(c.plaintext(), topic, 1));
            try (MongoClient client = MongoClients.create(c.mongoUri)) {
                assertEquals(1, client.getDatabase("keep").getCollection("docs").countDocuments());
            }
            c.stopAndWait();
        }
    }

    @Test
    void withSaslPlainTheRightUserProducesAndConsumesAndAWrongPasswordIsRefused() throws Exception {
        try (Child c = Child.start("--kafka-port", "0", "--mongo-port", "0", "--kafka-sasl-plain", "ete:s3cret")) {
            assertEquals("SASL_PLAINTEXT", c.securityProtocol);
            // A default topic: the launcher's own admin client logged in to create it before READY.
            String topic = "employment.events.v1";
            Map<String, Object> ete = c.saslPlain("ete", "s3cret");
            produce(ete, topic, "k1", "secured");
            assertEquals(List.of("k1=secured"), consume(ete, topic, 1));

            Map<String, Object> conf = new HashMap<>(c.saslPlain("ete", "wrong"));
            conf.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
            try (Admin admin = Admin.create(conf)) {
                ExecutionException refused = assertThrows(ExecutionException.class,
                        () -> admin.listTopics().names().get(60, TimeUnit.SECONDS));
                assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
            }
        }
    }

    @Test
    void takenPortFailsFastWithClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
            Process p = Child.builder("--kafka-port", Integer.toString(taken.getLocalPort()), "--mongo-port", "0")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertNotEquals(0, p.exitValue());
            assertTrue(err.contains("already in use"), err);
        }
    }

    private static void produce(Map<String, Object> connection, String topic, String key, String value)
            throws Exception {
        Map<String, Object> conf = new HashMap<>(connection);
        conf.putAll(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                // No retries: READY must mean a default topic can take a record at once.
                ProducerConfig.RETRIES_CONFIG, 0,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(conf)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(60, TimeUnit.SECONDS);
        }
    }

    private static List<String> consume(Map<String, Object> connection, String topic, int expected) {
        Map<String, Object> conf = new HashMap<>(connection);
        conf.putAll(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "g-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        List<String> got = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(conf)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (got.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    got.add(r.key() + "=" + r.value());
                }
            }
        }
        return got;
    }

    /** The launcher child: stdout parsed for READY, stderr kept for failure messages. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final String bootstrap;
        final String securityProtocol;
        final String mongoUri;
        private final CompletableFuture<String> stderr;

        private Child(Process process, Matcher ready, CompletableFuture<String> stderr) {
            this.process = process;
            this.bootstrap = ready.group(1);
            this.securityProtocol = ready.group(2);
            this.mongoUri = ready.group(3);
            this.stderr = stderr;
        }

        /** Connection settings of a client of a PLAINTEXT listener. */
        Map<String, Object> plaintext() {
            return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        }

        /** Connection settings of a client logging in to a SASL_PLAINTEXT listener as {@code user}. */
        Map<String, Object> saslPlain(String user, String password) {
            return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                    SaslConfigs.SASL_MECHANISM, "PLAIN",
                    SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required"
                            + " username=\"" + user + "\" password=\"" + password + "\";");
        }

        static ProcessBuilder builder(String... args) throws IOException {
            Path dir = Paths.get(System.getProperty("ete.local-infra.dir", "."));
            String cp = dir.resolve("target/classes") + File.pathSeparator
                    + Files.readString(dir.resolve("target/launcher.classpath")).trim();
            List<String> cmd = new ArrayList<>(List.of(
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-cp", cp, LocalInfra.class.getName()));
            cmd.addAll(List.of(args));
            return new ProcessBuilder(cmd);
        }

        static Child start(String... args) throws Exception {
            Process p = builder(args).start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return e.toString();
                }
            });
            CompletableFuture<Matcher> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    BufferedReader out = new BufferedReader(
                            new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                    for (String line; (line = out.readLine()) != null; ) {
                        Matcher m = READY.matcher(line);
                        if (m.matches()) return m;
                    }
                    return null;
                } catch (IOException e) {
                    return null;
                }
            });
            long t0 = System.nanoTime();
            Matcher m = ready.get(90, TimeUnit.SECONDS);
            if (m == null) {
                p.destroyForcibly();
                throw new AssertionError("launcher ended without READY: " + err.get(10, TimeUnit.SECONDS));
            }
            System.err.printf("launcher READY in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            return new Child(p, m, err);
        }

        void stopAndWait() throws Exception {
            process.getOutputStream().close();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "launcher did not stop");
        }

        String stderr() {
            return stderr.getNow("(stderr still open)");
        }

        @Override
        public void close() throws Exception {
            if (process.isAlive()) {
                process.getOutputStream().close();
                if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
            }
        }
    }
}
