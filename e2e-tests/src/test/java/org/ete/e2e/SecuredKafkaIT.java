package org.ete.e2e;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.ete.contracts.Topics;
import org.ete.testsupport.PlatformInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.ete.e2e.PartnerEvents.JSON;
import static org.ete.e2e.PartnerEvents.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The five packaged services on a Kafka broker whose only listener is SASL_PLAINTEXT (mechanism PLAIN): given
 * nothing but the login as environment ({@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM},
 * {@code KAFKA_SASL_JAAS_CONFIG} beside {@code KAFKA_BOOTSTRAP_SERVERS}, which Quarkus maps onto the {@code kafka.*}
 * settings every client of a service is built from), every producing service publishes, the analysis service
 * consumes, and every service's readiness (which includes its Kafka check) is UP; a client without the login is
 * refused, so all of it really ran over SASL.
 *
 * <p>One person's referral, take-up, course and job and one Academy application. The broker is this class's own
 * (failsafe forks a JVM per class here), so its topics hold only these events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredKafkaIT {
    static final PlatformInfra.SaslPlain SERVICES_LOGIN =
            new PlatformInfra.SaslPlain("ete-services", "secured-kafka-it-" + UUID.randomUUID());
    static final String FROM = "2019-03-01", TO = "2019-03-31", TAKEN_UP_ON = "2019-03-04";
    static final String CRN = "S000001", CANDIDATE = "SEC-CAND-1";
    /** What each producing service was sent, by the topic it publishes to. */
    static final Map<String, List<String>> TYPES_BY_TOPIC = Map.of(
            Topics.REFERRAL_EVENTS, List.of("ete.referral.received.v1", "ete.referral.service-taken-up.v1"),
            Topics.TRAINING_EVENTS, List.of("ete.training.course-started.v1"),
            Topics.EMPLOYMENT_EVENTS, List.of("ete.employment.job-started.v1"),
            Topics.PEER_MENTOR_EVENTS, List.of("ete.academy.application-submitted.v1"));
    static final int EVENTS = TYPES_BY_TOPIC.values().stream().mapToInt(List::size).sum();
    /**
     * This JVM's own Kafka clients log every client's whole configuration at INFO. Quarkus' log configurator owns
     * the JBoss LogManager here (logging.properties is ignored), so the level is set directly; held here because
     * java.util.logging keeps loggers only weakly.
     */
    static final java.util.logging.Logger KAFKA_CLIENT_LOG = java.util.logging.Logger.getLogger("org.apache.kafka");

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final PartnerEvents events = new PartnerEvents("urn:ete:e2e:secured-kafka:" + run);
    PlatformInfra infra;
    Platform platform;

    @BeforeAll
    void startOnSaslAndPost() throws Exception {
        KAFKA_CLIENT_LOG.setLevel(java.util.logging.Level.WARNING);
        infra = PlatformInfra.startEmbedded(SERVICES_LOGIN);
        platform = new Platform(infra, run);

        PartnerEvents.post(platform.url("referral-service"), batch(
                events.event("ete.referral.received.v1", CRN, data("referralDate", "2019-02-25",
                        "setting", "community", "contractArea", "DLNR", "region", "East Midlands",
                        "team", "Secured", "office", "Nottingham", "gender", "female", "dateOfBirth", "1990-06-01",
                        "ethnicity", "white", "offenceCategory", "theft-non-motor",
                        "ogrs3OneYearPercent", 30, "ogrs3TwoYearPercent", 45)),
                events.event("ete.referral.service-taken-up.v1", CRN, data("takenUpOn", TAKEN_UP_ON))));
        PartnerEvents.post(platform.url("training-service"), batch(
                events.event("ete.training.course-started.v1", CRN, data("courseId", "C1",
                        "qualification", "cscs", "provider", "Skills Ltd", "startedOn", "2019-03-07"))));
        PartnerEvents.post(platform.url("employment-service"), batch(
                events.event("ete.employment.job-started.v1", CRN, data("jobId", "J1", "sector", "warehousing",
                        "employer", "Depot", "hoursPerWeek", 37.5, "startedOn", "2019-04-03"))));
        PartnerEvents.post(platform.url("peer-mentor-service"), batch(
                events.event("ete.academy.application-submitted.v1", CANDIDATE, data("applicationId", "A1",
                        "role", "peer mentor", "level", "entry", "livedExperience", true, "route", "academy",
                        "submittedOn", "2022-01-10"))));
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyProducingServicePublishedToItsTopic() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                TYPES_BY_TOPIC.forEach((topic, types) -> assertEquals(types, typesPublished(topic), topic)));
    }

    @Test
    void theAnalysisServiceConsumedThem() {
        String analysis = platform.url("reoffending-analysis-service");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonPath projection = given().get(analysis + "/v1/admin/projections").then().statusCode(200)
                    .extract().jsonPath();
            assertTrue(projection.getLong("active.recordsHandled") >= EVENTS,
                    "records handled: " + projection.get("active.recordsHandled"));
            Object lag = projection.get("active.lag"); // null until the projection has measured it once
            assertEquals(0L, lag == null ? -1L : ((Number) lag).longValue(), "lag");
            JsonPath outputs = given().get(analysis + "/v1/ete/outputs?from=" + FROM + "&to=" + TO)
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(1, outputs.getInt("tookUp"));
            assertEquals(1, outputs.getInt("foundWork"));
        });
    }

    @Test
    void everyServiceIsReadyIncludingItsKafkaCheck() {
        for (String service : Platform.SERVICES) {
            JsonPath ready = given().get(platform.url(service) + "/q/health/ready").then().statusCode(200)
                    .extract().jsonPath();
            assertEquals("UP", ready.getString("status"), service);
            assertEquals(List.of("UP"), ready.getList("checks.findAll { it.name.contains('Kafka') }.status"),
                    service + ": " + ready.prettify());
        }
    }

    @Test
    void theBrokerRefusesAClientWithoutTheLogin() throws Exception {
        Map<String, Object> anonymous = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.kafkaBootstrapServers());
        // The broker drops a connection that does not log in first, so the request never gets an answer.
        ExecutionException refused = assertThrows(ExecutionException.class, () -> topicNames(anonymous));
        assertInstanceOf(TimeoutException.class, refused.getCause());
        // The same request with the services' login is answered: the broker was there all along.
        assertTrue(topicNames(infra.kafkaClientSettings()).containsAll(TYPES_BY_TOPIC.keySet()));
    }

    private static Set<String> topicNames(Map<String, Object> connection) throws Exception {
        Map<String, Object> conf = new HashMap<>(connection);
        conf.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        conf.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        try (Admin admin = Admin.create(conf)) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    /** The {@code ce_type} of every record on {@code topic} from this test's source, in offset order per partition. */
    private List<String> typesPublished(String topic) {
        Map<String, Object> conf = new HashMap<>(infra.kafkaClientSettings());
        conf.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        conf.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(conf)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<String> types = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (events.source().equals(header(r, "ce_source"))) {
                        types.add(header(r, "ce_type"));
                    }
                }
            }
            return types;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static ArrayNode batch(ObjectNode... events) {
        return JSON.createArrayNode().addAll(List.of(events));
    }
}
