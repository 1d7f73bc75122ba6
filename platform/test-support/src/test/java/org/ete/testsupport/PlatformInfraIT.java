package org.ete.testsupport;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlatformInfraIT {

    // Quarkus' log configurator owns the JBoss LogManager here (logging.properties is ignored): quiet clients directly.
    private static final List<java.util.logging.Logger> QUIET = Stream.of("org.apache.kafka", "org.mongodb.driver")
            .map(java.util.logging.Logger::getLogger).toList();

    @BeforeAll
    static void quietClients() {
        QUIET.forEach(l -> l.setLevel(java.util.logging.Level.WARNING));
    }

    @Test
    void startsOnceAndServesKafkaAndMongo() throws Exception {
        PlatformInfra infra = PlatformInfra.start();
        PlatformInfra again = PlatformInfra.start();
        assertEquals(infra.kafkaBootstrapServers(), again.kafkaBootstrapServers(), "one infra per JVM");
        assertEquals(infra.mongoUri(), again.mongoUri());
        System.err.println("platform infra: " + infra);

        infra.ensureTopics(2, "test-support.check.v1");
        infra.ensureTopics(2, "test-support.check.v1"); // idempotent
        try (Admin admin = Admin.create(Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            var d = admin.describeTopics(List.of("test-support.check.v1"))
                    .allTopicNames().get(30, TimeUnit.SECONDS).get("test-support.check.v1");
            assertEquals(2, d.partitions().size());
        }

        try (MongoClient client = MongoClients.create(infra.mongoUri())) {
            var col = client.getDatabase("test_support_check").getCollection("docs");
            col.insertOne(new Document("k", "v"));
            assertEquals("v", col.find().first().getString("k"));
        }
    }

    @Test
    void startEmbeddedWithSaslPlainServesOnlyClientsThatLogIn() throws Exception {
        PlatformInfra secured = PlatformInfra.startEmbedded(new PlatformInfra.SaslPlain("ete", "s3cret"));
        assertNotEquals(PlatformInfra.start().kafkaBootstrapServers(), secured.kafkaBootstrapServers(),
                "its own launcher, not the shared one");
        assertEquals("SASL_PLAINTEXT", secured.kafkaEnvironment().get("KAFKA_SECURITY_PROTOCOL"));

        secured.ensureTopics(2, "test-support.secured.v1"); // its admin client logs in
        try (Admin admin = Admin.create(secured.kafkaClientSettings())) {
            assertEquals(2, admin.describeTopics(List.of("test-support.secured.v1"))
                    .allTopicNames().get(30, TimeUnit.SECONDS).get("test-support.secured.v1").partitions().size());
        }
        // Without a login the broker drops the connection: the request never gets an answer.
        try (Admin anonymous = Admin.create(Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, secured.kafkaBootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000))) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> anonymous.listTopics().names().get(30, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, refused.getCause());
        }
        try (MongoClient client = MongoClients.create(secured.mongoUri())) {
            assertEquals(0, client.getDatabase("test_support_secured").getCollection("docs").countDocuments());
        }
    }

    @Test
    void quarkusResourceGivesOneBrokerForAllKafkaKeys() {
        Map<String, String> conf = new PlatformInfraResource().start();
        String kafka = conf.get("kafka.bootstrap.servers");
        assertEquals(kafka, conf.get("mp.messaging.connector.smallrye-kafka.bootstrap.servers"));
        assertTrue(conf.get("quarkus.mongodb.connection-string").startsWith("mongodb://"));
    }
}
