package org.ete.analysis.operations.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ete.analysis.TopicPublisher;
import org.ete.contracts.EventType;
import org.ete.contracts.Topics;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Poison records on the real topics go to the dead letters with the reason and never stop the consumer; dead
 * letters are listed and replayed. Windows: May and July 2012 (this class only).
 */
@QuarkusTest
@WithTestResource(PlatformInfraResource.class)
class DeadLetterIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String DEAD_LETTER_TOPIC = "analysis.dead-letters.v1";
    static KafkaProducer<String, byte[]> producer;

    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "ete.mongodb.database")
    String database;

    @BeforeAll
    static void producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PlatformInfra.start().kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    /** A fresh person id (64 hex digits, like a pseudonymised case reference). */
    static String person() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    static ObjectNode data(Object... kv) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            n.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        }
        return n;
    }

    /** Sends and answers the dead-letter id the record would get: {@code <topic>-<partition>-<offset>}. */
    static String send(ProducerRecord<String, byte[]> record) throws Exception {
        RecordMetadata m = producer.send(record).get();
        return m.topic() + "-" + m.partition() + "-" + m.offset();
    }

    /** A CloudEvent in Kafka binary mode, as the relay writes it, but with whatever type, subject and data. */
    static ProducerRecord<String, byte[]> cloudEvent(String topic, String key, String type, String subject,
                                                     String occurredAt, byte[] data) {
        var builder = CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(URI.create("urn:ete:test"))
                .withType(type).withExtension("recordedat", Instant.now().toString())
                .withData("application/json", data);
        if (subject != null) {
            builder = builder.withSubject(subject);
        }
        if (occurredAt != null) {
            builder = builder.withExtension("occurredat", occurredAt);
        }
        return KafkaMessageFactory.createWriter(topic, key).writeBinary(builder.build());
    }

    static JsonPath deadLetters() {
        return given().queryParam("limit", 1000).when().get("/v1/admin/dead-letters").then().statusCode(200)
                .extract().jsonPath();
    }

    static Map<String, Object> deadLetter(String id) {
        return deadLetters().getMap("items.find { it.id == '" + id + "' }");
    }

    /** People who took up in the window; null while fewer than the disclosure threshold. */
    static Integer tookUp(String from, String to) {
        Number n = given().queryParam("from", from).queryParam("to", to).when().get("/v1/ete/outputs").then()
                .statusCode(200).extract().jsonPath().get("tookUp");
        return n == null ? null : n.intValue();
    }

    @Test
    void poisonRecordsAreDeadLetteredWithTheReasonAndTheNextGoodEventIsStillApplied() throws Exception {
        String p = person();
        String topic = Topics.REFERRAL_EVENTS;
        byte[] garbage = "\u0000\u0001 not a cloud event".getBytes(StandardCharsets.UTF_8);
        // Same key, so same partition: the good event comes after every poison record.
        Map<String, String> expected = new HashMap<>();
        expected.put(send(new ProducerRecord<>(topic, p, garbage)), "not-a-cloudevent");
        String unknownType = send(cloudEvent(topic, p, "ete.referral.unheard-of.v1", p, "2012-05-02",
                "{}".getBytes(StandardCharsets.UTF_8)));
        expected.put(unknownType, "unknown-type");
        expected.put(send(cloudEvent(topic, p, EventType.SERVICE_TAKEN_UP.type(), null, "2012-05-02",
                data("takenUpOn", "2012-05-02").toString().getBytes(StandardCharsets.UTF_8))), "no-subject");
        expected.put(send(cloudEvent(topic, p, EventType.SERVICE_TAKEN_UP.type(), p, "2012-05-02",
                "[\"2012-05-02\"]".getBytes(StandardCharsets.UTF_8))), "data-not-object");
        expected.put(send(cloudEvent(topic, p, EventType.RECONVICTION_RECORDED.type(), p, "2012-05-03",
                data("offenceDate", "yesterday", "sentenceDate", "2012-05-03", "offenceCategory", "violence")
                        .toString().getBytes(StandardCharsets.UTF_8))), "invalid-data");
        expected.put(send(cloudEvent(topic, p, EventType.SERVICE_TAKEN_UP.type(), p, "2012-05-32",
                data("takenUpOn", "2012-05-32").toString().getBytes(StandardCharsets.UTF_8))), "invalid-data");
        // Then good events, still keyed p (same partition) but for twelve people: fewer than ten would be suppressed.
        for (int i = 0; i < 12; i++) {
            String someone = i == 0 ? p : person();
            send(cloudEvent(topic, p, EventType.SERVICE_TAKEN_UP.type(), someone, "2012-05-04",
                    data("takenUpOn", "2012-05-04").toString().getBytes(StandardCharsets.UTF_8)));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> Integer.valueOf(12).equals(tookUp("2012-05-01", "2012-05-31")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (Map.Entry<String, String> e : expected.entrySet()) {
                Map<String, Object> d = deadLetter(e.getKey());
                assertNotNull(d, "dead letter " + e.getKey());
                assertEquals(e.getValue(), d.get("reason"), e.getKey());
                assertEquals("dead", d.get("status"));
                assertNotNull(d.get("detail"));
                assertNotNull(d.get("recordedAt"));
            }
        });
        assertEquals("ete.referral.unheard-of.v1", deadLetter(unknownType).get("type"));
        assertNotNull(deadLetter(unknownType).get("eventId"));
        // Newest first.
        List<Instant> recorded = deadLetters().getList("items.recordedAt", String.class).stream()
                .map(Instant::parse).toList();
        List<Instant> sorted = new ArrayList<>(recorded);
        sorted.sort(Comparator.reverseOrder());
        assertEquals(sorted, recorded);
        assertEquals(1, given().queryParam("limit", 1).when().get("/v1/admin/dead-letters").then().statusCode(200)
                .extract().jsonPath().getList("items").size());

        // On the dead-letter topic: original bytes and ce_ headers, with where from and why.
        Map<String, ConsumerRecord<String, byte[]>> published = readDeadLetterTopic(expected.keySet());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            ConsumerRecord<String, byte[]> r = published.get(e.getKey());
            assertNotNull(r, "on the dead-letter topic: " + e.getKey());
            assertEquals(e.getValue(), header(r, "ete_dlt_reason"));
            assertEquals(topic, header(r, "ete_dlt_original_topic"));
            assertNotNull(header(r, "ete_dlt_time"));
            assertEquals(p, r.key());
        }
        String garbageId = expected.entrySet().stream().filter(e -> e.getValue().equals("not-a-cloudevent"))
                .findFirst().orElseThrow().getKey();
        assertArrayEquals(garbage, published.get(garbageId).value());
        assertEquals("ete.referral.unheard-of.v1", header(published.get(unknownType), "ce_type"));

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String reason : List.of("not-a-cloudevent", "unknown-type", "no-subject", "data-not-object")) {
            assertTrue(counter(metrics, "ete_projection_dead_letters_total{reason=\"" + reason + "\"}") >= 1, reason);
        }
        assertTrue(counter(metrics, "ete_projection_dead_letters_total{reason=\"invalid-data\"}") >= 2);
    }

    @Test
    void replayOfAStillBadRecordAnswers422AndChangesNothing() throws Exception {
        String p = person();
        String id = send(new ProducerRecord<>(Topics.TRAINING_EVENTS, p, "{\"not\":\"binary mode\"}"
                .getBytes(StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetter(id) != null);
        Map<String, Object> before = deadLetter(id);

        given().when().post("/v1/admin/dead-letters/{id}/replay", id).then().statusCode(422)
                .contentType("application/problem+json").body("title", containsString("still"))
                .body("rule", equalTo("not-a-cloudevent")).body("detail", containsString("not-a-cloudevent"));
        assertEquals(before, deadLetter(id), "the dead letter is left as it was");
    }

    @Test
    void replayOfAnUnknownIdIs404Problem() {
        given().when().post("/v1/admin/dead-letters/{id}/replay", "referral.events.v1-0-999999999").then()
                .statusCode(404).contentType("application/problem+json").body("type", containsString("dead-letter-not-found"));
        given().queryParam("limit", 0).when().get("/v1/admin/dead-letters").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("/query/limit"));
    }

    /**
     * An event that fails for a reason outside itself: the person's projection document is corrupt, so applying
     * fails (not transient: retrying cannot help). Once the document is repaired, the replay applies the event.
     */
    @Test
    void anEventThatFailedOnACorruptDocumentIsAppliedByReplayOnceTheDocumentIsRepaired() {
        int generation = given().when().get("/v1/admin/projections").then().statusCode(200).extract().jsonPath()
                .getInt("active.generation");
        var people = mongo.getDatabase(database).getCollection("people_g" + generation);
        String q = person();
        people.insertOne(new Document("_id", q).append("version", 1L).append("facts", List.of(
                new Document("key", "urn:ete:test corrupt").append("type", EventType.SERVICE_TAKEN_UP.type())
                        .append("occurredAt", "not-a-date").append("recordedAt", null)
                        .append("data", new Document("takenUpOn", "not-a-date")))));
        TopicPublisher.Sent failing = TopicPublisher.event(EventType.SERVICE_TAKEN_UP, q, data("takenUpOn", "2012-07-10"));
        List<TopicPublisher.Sent> events = new ArrayList<>(List.of(failing));
        for (int i = 0; i < 12; i++) { // twelve others: fewer than ten would be suppressed by disclosure control
            events.add(TopicPublisher.event(EventType.SERVICE_TAKEN_UP, person(), data("takenUpOn", "2012-07-11")));
        }
        TopicPublisher.publishAll(PlatformInfra.start().kafkaBootstrapServers(), events);

        await().atMost(Duration.ofSeconds(60)).until(() -> Integer.valueOf(12).equals(tookUp("2012-07-01", "2012-07-31")));
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> d = deadLetters().getMap("items.find { it.eventId == '" + failing.id() + "' }");
            assertNotNull(d);
            assertEquals("apply-failed", d.get("reason"));
            assertTrue(String.valueOf(d.get("detail")).contains("DateTimeParseException"), String.valueOf(d));
            id[0] = (String) d.get("id");
        });

        // Still corrupt: the replay fails the same way and changes nothing.
        given().when().post("/v1/admin/dead-letters/{id}/replay", id[0]).then().statusCode(422)
                .contentType("application/problem+json").body("rule", equalTo("apply-failed"));
        assertEquals(12, tookUp("2012-07-01", "2012-07-31"));
        assertEquals("dead", deadLetter(id[0]).get("status"));

        people.deleteOne(Filters.eq("_id", q)); // the repair
        given().when().post("/v1/admin/dead-letters/{id}/replay", id[0]).then().statusCode(200)
                .body("id", equalTo(id[0])).body("status", equalTo("replayed")).body("outcome", equalTo("applied"));
        assertEquals(13, tookUp("2012-07-01", "2012-07-31"), "visible at once");
        Map<String, Object> replayed = deadLetter(id[0]);
        assertEquals("replayed", replayed.get("status"));
        assertNotNull(replayed.get("replayedAt"));
        Document stored = people.find(Filters.eq("_id", q)).first();
        assertNotNull(stored);
        assertEquals(1, stored.getList("facts", Document.class).size());

        // Replaying again is harmless.
        given().when().post("/v1/admin/dead-letters/{id}/replay", id[0]).then().statusCode(200)
                .body("outcome", equalTo("already-applied"));
        assertEquals(13, tookUp("2012-07-01", "2012-07-31"));
    }

    static String header(ConsumerRecord<String, byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static double counter(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$").matcher(metrics);
        assertTrue(m.find(), series + " in /q/metrics");
        return Double.parseDouble(m.group(1));
    }

    /** The dead-letter topic's records for {@code ids}, keyed by the id their headers name. */
    static Map<String, ConsumerRecord<String, byte[]>> readDeadLetterTopic(Set<String> ids) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, PlatformInfra.start().kafkaBootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = c.partitionsFor(DEAD_LETTER_TOPIC).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (!found.keySet().containsAll(ids) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    String id = header(r, "ete_dlt_original_topic") + "-" + header(r, "ete_dlt_original_partition")
                            + "-" + header(r, "ete_dlt_original_offset");
                    if (ids.contains(id)) {
                        found.put(id, r);
                    }
                }
            }
        }
        return found;
    }
}
