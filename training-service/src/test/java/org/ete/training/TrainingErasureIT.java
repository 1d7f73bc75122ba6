package org.ete.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.ete.contracts.PersonErased;
import org.ete.contracts.Topics;
import org.ete.eventkit.ingest.Pseudonymiser;
import org.ete.eventkit.testkit.CloudEvents;
import org.ete.eventkit.testkit.TopicProbe;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.awaitility.Awaitility.await;
import static org.ete.eventkit.testkit.CloudEvents.data;
import static org.ete.eventkit.testkit.CloudEvents.event;
import static org.ete.eventkit.testkit.IngestAssertions.assertRuleBroken;
import static org.ete.eventkit.testkit.IngestAssertions.post;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Erasure in a producing service (event-kit's), through HTTP, the real broker and MongoDB over TCP. */
@QuarkusTest
@WithTestResource(PlatformInfraResource.class)
class TrainingErasureIT {
    static final String STARTED = "ete.training.course-started.v1";

    @Inject
    Pseudonymiser pseudonymiser;
    @Inject
    MongoDatabase database;

    static ObjectNode started(String crn, String courseId) {
        return event(STARTED, crn, data("courseId", courseId, "qualification", "nvq", "provider", "College",
                "startedOn", "2021-03-01"));
    }

    static int count(String crn) {
        return given().get("/v1/people/" + crn + "/events").then().statusCode(200).extract().jsonPath().getInt("count");
    }

    static JsonPath erase(String crn, int status) {
        return given().contentType("application/json").body("{\"caseReference\":\"" + crn + "\"}")
                .post("/v1/privacy/erasures").then().statusCode(status).extract().jsonPath();
    }

    @Test
    void anErasureDeletesThePersonsEventsPublishesItWithoutTheReferenceAndRefusesThemFromThenOn() {
        String erased = CloudEvents.newCrn(), kept = CloudEvents.newCrn();
        ObjectNode first = started(erased, "C1");
        post(first).then().statusCode(201);
        post(started(erased, "C2")).then().statusCode(201);
        post(started(kept, "C1")).then().statusCode(201);

        JsonPath answer = erase(erased, 202);
        String erasureId = answer.getString("erasureId");
        assertNotNull(erasureId);
        assertEquals(2, answer.getInt("deletedEvents"));
        assertEquals(0, count(erased));
        assertEquals(1, count(kept));
        String personId = pseudonymiser.personId(erased);
        assertEquals(0, database.getCollection("events").countDocuments(new Document("stream", personId)));
        Document record = database.getCollection("erasures").find(new Document("_id", personId)).first();
        assertNotNull(record);
        assertFalse(record.toJson().contains(erased), record.toJson());
        assertEquals(erasureId, record.getString("erasureId"));
        // A repeat answers the same erasure.
        given().contentType("application/json").body("{\"caseReference\":\"" + erased + "\"}")
                .post("/v1/privacy/erasures").then().statusCode(200).body("erasureId", equalTo(erasureId))
                .body("duplicate", equalTo(true));

        // Published once to privacy.erasures.v1, keyed by the person id, never with the case reference.
        String bootstrap = PlatformInfra.start().kafkaBootstrapServers();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<TopicProbe.Published> published = TopicProbe.readAll(bootstrap, Topics.PRIVACY_ERASURES,
                    p -> personId.equals(p.key()));
            assertEquals(1, published.size());
            TopicProbe.Published p = published.get(0);
            assertEquals(PersonErased.TYPE, p.type());
            assertEquals(erasureId, p.id());
            assertEquals(personId, p.subject());
            assertEquals("urn:ete:service:training", p.source());
            assertFalse(p.data().contains(erased), p.data());
            assertEquals(erasureId, PersonErased.fromJson(p.record().value()).erasureId());
        });
        await().atMost(Duration.ofSeconds(30)).until(() ->
                database.getCollection("erasures").find(new Document("_id", personId)).first().get("publishedAt") != null);

        // A partner's retry of an event sent before the erasure, and a new one, are refused.
        assertRuleBroken(first, 409, "person-erased", "/subject");
        assertRuleBroken(started(erased, "C3"), 409, "person-erased", "/subject");
        assertEquals(0, count(erased));
        post(started(kept, "C2")).then().statusCode(201);
    }

    @Test
    void anErasureReceivedByAnotherServiceArrivesOnTheTopicAndDeletesHereToo() throws Exception {
        String crn = CloudEvents.newCrn();
        post(started(crn, "C1")).then().statusCode(201);
        String personId = pseudonymiser.personId(crn);
        PersonErased elsewhere = new PersonErased(UUID.randomUUID().toString(), personId, Instant.now(), "referral");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PlatformInfra.start().kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.PRIVACY_ERASURES, "not-an-erasure", "garbage".getBytes())).get();
            producer.send(new ProducerRecord<>(Topics.PRIVACY_ERASURES, personId, elsewhere.toJson())).get();
            producer.send(new ProducerRecord<>(Topics.PRIVACY_ERASURES, personId, elsewhere.toJson())).get(); // redelivery
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count(crn) == 0);
        Document record = database.getCollection("erasures").find(new Document("_id", personId)).first();
        assertEquals(elsewhere.erasureId(), record.getString("erasureId"));
        assertEquals("referral", record.getString("origin"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertRuleBroken(started(crn, "C2"), 409, "person-erased", "/subject"));
        // The erasure of another service is not published again from here.
        List<TopicProbe.Published> onTopic = TopicProbe.readAll(PlatformInfra.start().kafkaBootstrapServers(),
                Topics.PRIVACY_ERASURES, r -> personId.equals(r.key()));
        assertEquals(2, onTopic.size(), "only the two records this test sent: " + onTopic);
        onTopic.forEach(r -> assertEquals(null, r.type(), "no CloudEvent of this service's: " + r));
        given().contentType("application/json").body("{\"caseReference\":\"x\"}").post("/v1/privacy/erasures")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("/caseReference"));
    }
}
