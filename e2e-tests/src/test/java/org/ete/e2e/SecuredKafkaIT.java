package org.ete.e2e;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.ete.testsupport.AuthorizedRequests.given;
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
 * consumes (and dead-letters through its messaging channel), and every service's readiness (which includes its Kafka
 * check) is UP; a client without the login is
 * refused, so all of it really ran over SASL.
 *
 * <p>Ten people's referral, take-up, course and job, and one Academy application. The broker is this class's own
 * (failsafe forks a JVM per class here), so its topics hold only these events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredKafkaIT {
    static final PlatformInfra.SaslPlain SERVICES_LOGIN =
            new PlatformInfra.SaslPlain("ete-services", "secured-kafka-it-" + UUID.randomUUID());
    static final String FROM = "2019-03-01", TO = "2019-03-31", TAKEN_UP_ON = "2019-03-04";
    /** The analysis service's dead-letter topic (its default, ete.projection.dead-letter-topic). */
    static final String DEAD_LETTERS = "analysis.dead-letters.v1";
    /** The analysis service's default disclosure threshold: a view of fewer people shows no figures. */
    static final int PEOPLE = 10;
    /** How many events of each type each producing service was sent, by the topic it publishes to. */
    static final Map<String, Map<String, Long>> TYPES_BY_TOPIC = Map.of(
            Topics.REFERRAL_EVENTS,
            Map.of("ete.referral.received.v1", (long) PEOPLE, "ete.referral.service-taken-up.v1", (long) PEOPLE),
            Topics.TRAINING_EVENTS, Map.of("ete.training.course-started.v1", (long) PEOPLE),
            Topics.EMPLOYMENT_EVENTS, Map.of("ete.employment.job-started.v1", (long) PEOPLE),
            Topics.PEER_MENTOR_EVENTS, Map.of("ete.academy.application-submitted.v1", 1L));
    static final long EVENTS = TYPES_BY_TOPIC.values().stream()
            .flatMap(types -> types.values().stream()).mapToLong(Long::longValue).sum();
    /**
     * This JVM's own Kafka clients log every client's whole configuration at INFO. Quarkus' log configurator owns
     * the JBoss LogManager here (logging.properties is ignored), so the level is set directly; held here because
     * java.util.logging keeps loggers only weakly.
     */
    static final Logger KAFKA_CLIENT_LOG = Logger.getLogger("org.apache.kafka");

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final PartnerEvents events = new PartnerEvents("urn:ete:e2e:secured-kafka:" + run);
    PlatformInfra infra;
    Platform platform;

    @BeforeAll
    void startOnSaslAndPost() throws Exception {
        KAFKA_CLIENT_LOG.setLevel(Level.WARNING);
        infra = PlatformInfra.startEmbedded(SERVICES_LOGIN);
        platform = new Platform(infra, run);

        ArrayNode referral = JSON.createArrayNode(), training = JSON.createArrayNode(),
                employment = JSON.createArrayNode();
        for (int i = 0; i < PEOPLE; i++) {
            String crn = String.format("S%06d", i);
            referral.add(events.event("ete.referral.received.v1", crn, data("referralDate", "2019-02-25",
                    "setting", "community", "contractArea", "DLNR", "region", "East Midlands",
                    "team", "Secured", "office", "Nottingham", "gender", "female", "dateOfBirth", "1990-06-01",
                    "ethnicity", "white", "offenceCategory", "theft-non-motor",
                    "ogrs3OneYearPercent", 30, "ogrs3TwoYearPercent", 45)));
            referral.add(events.event("ete.referral.service-taken-up.v1", crn, data("takenUpOn", TAKEN_UP_ON)));
            training.add(events.event("ete.training.course-started.v1", crn, data("courseId", "C1",
                    "qualification", "cscs", "provider", "Skills Ltd", "startedOn", "2019-03-07")));
            employment.add(events.event("ete.employment.job-started.v1", crn, data("jobId", "J1",
                    "sector", "warehousing", "employer", "Depot", "hoursPerWeek", 37.5, "startedOn", "2019-04-03")));
        }
        PartnerEvents.post(platform.url("referral-service"), referral);
        PartnerEvents.post(platform.url("training-service"), training);
        PartnerEvents.post(platform.url("employment-service"), employment);
        PartnerEvents.post(platform.url("peer-mentor-service"), JSON.createArrayNode().add(
                events.event("ete.academy.application-submitted.v1", "SEC-CAND-1", data("applicationId", "A1",
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
            // Null while fewer than PEOPLE are projected (disclosure control), so get, not getInt.
            assertEquals(PEOPLE, outputs.<Integer>get("tookUp"), outputs.prettify());
            assertEquals(PEOPLE, outputs.<Integer>get("foundWork"), outputs.prettify());
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

    /**
     * The analysis service's outgoing channels (SmallRye Reactive Messaging, not the factory) log in too: a record it
     * cannot apply reaches the dead-letter topic, with the reason, over SASL.
     */
    @Test
    void aPoisonRecordIsDeadLetteredOverSasl() throws Exception {
        String key = "poison-" + run;
        Map<String, Object> conf = new HashMap<>(infra.kafkaClientSettings());
        conf.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        conf.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(conf)) {
            producer.send(new ProducerRecord<>(Topics.REFERRAL_EVENTS, key,
                    "not a CloudEvent".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> dead = records(DEAD_LETTERS).stream()
                    .filter(r -> key.equals(r.key())).toList();
            assertEquals(1, dead.size(), "dead letters of " + key);
            assertEquals(Topics.REFERRAL_EVENTS, header(dead.get(0), "ete_dlt_original_topic"));
            assertEquals("not-a-cloudevent", header(dead.get(0), "ete_dlt_reason"));
        });
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

    /** How many records of each {@code ce_type} from this test's source are on {@code topic}. */
    private Map<String, Long> typesPublished(String topic) {
        Map<String, Long> types = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records(topic)) {
            if (events.source().equals(header(r, "ce_source"))) {
                types.merge(header(r, "ce_type"), 1L, Long::sum);
            }
        }
        return types;
    }

    /** Every record on {@code topic} now, read with the services' login. */
    private List<ConsumerRecord<String, byte[]>> records(String topic) {
        Map<String, Object> conf = new HashMap<>(infra.kafkaClientSettings());
        conf.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        conf.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(conf)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            return out;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

}
