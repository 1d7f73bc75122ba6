package org.ete.analysis.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ete.analysis.TopicPublisher;
import org.ete.analysis.projection.PersonStore;
import org.ete.analysis.projection.consumer.GenerationSwitch;
import org.ete.contracts.EventType;
import org.ete.contracts.PersonErased;
import org.ete.contracts.Topics;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Audit and erasure in the analysis service, over the real broker and MongoDB: every read is in the audit log (and a
 * read that cannot be audited is a 503), and an erasure from {@code privacy.erasures.v1} removes the person from the
 * views, the projection store and every later rebuild. People take up in June 2012, a window no other IT uses.
 */
@QuarkusTest
@WithTestResource(PlatformInfraResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrivacyIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String FROM = "2012-06-01", TO = "2012-06-30";
    static final int PEOPLE = 12;

    @Inject
    MongoDatabase database;
    @Inject
    PersonStore store;
    @Inject
    GenerationSwitch generations;
    @Inject
    MeterRegistry metrics;

    static String person(int i) {
        return String.format("%064x", 0x2012_0600_0000L + i);
    }

    static Integer tookUp() {
        Number n = given().queryParam("from", FROM).queryParam("to", TO).when().get("/v1/ete/outputs").then()
                .statusCode(200).extract().jsonPath().get("tookUp");
        return n == null ? null : n.intValue();
    }

    static JsonPath audit(Object... params) {
        var request = given();
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam((String) params[i], params[i + 1]);
        }
        return request.when().get("/v1/privacy/audit").then().statusCode(200).extract().jsonPath();
    }

    @Test
    @Order(1)
    void everyReadIsAuditedWithWhoWhenWhatRowsAndStatusNewestFirst() {
        Instant before = Instant.now();
        given().queryParam("from", "2012-01-01").queryParam("to", "2012-12-31").queryParam("by", "team")
                .when().get("/v1/ete/outputs").then().statusCode(200);
        given().accept("text/csv").queryParam("from", "2012-01-01").queryParam("to", "2012-12-31")
                .when().get("/v1/ete/outputs").then().statusCode(200);
        given().queryParam("from", "not-a-date").when().get("/v1/ete/outputs").then().statusCode(400);

        JsonPath page = audit("from", before.toString(), "limit", 3);
        assertEquals(3, page.getList("entries").size(), page.prettify());
        // newest first: the rejected read, the CSV export, the JSON read
        assertEquals(400, page.getInt("entries[0].status"));
        assertEquals(0, page.getLong("entries[0].rows"));
        assertEquals(List.of("not-a-date"), page.getList("entries[0].query.from"));
        assertEquals(200, page.getInt("entries[1].status"));
        assertEquals("/v1/ete/outputs", page.getString("entries[1].path"));
        assertEquals("GET", page.getString("entries[1].method"));
        assertEquals("test-every-role", page.getString("entries[1].principal"));
        assertTrue(page.getLong("entries[1].rows") >= 1, page.prettify());
        assertEquals(List.of("team"), page.getList("entries[2].query.by"));
        assertEquals(List.of("2012-12-31"), page.getList("entries[2].query.to"));
        Instant at = Instant.parse(page.getString("entries[2].at"));
        assertFalse(at.isBefore(before.minusMillis(1)), at + " before " + before);

        // The audit read itself is audited: the next read shows it on top.
        JsonPath again = audit("from", before.toString(), "limit", 1);
        assertEquals("/v1/privacy/audit", again.getString("entries[0].path"));
        assertEquals(List.of("3"), again.getList("entries[0].query.limit"));
        assertEquals(3, again.getLong("entries[0].rows"));

        // Paging: the cursor continues where the page ended, never repeating an entry.
        String next = again.getString("next");
        assertNotNull(next);
        JsonPath second = audit("from", before.toString(), "limit", 1, "cursor", next);
        assertNotEquals(again.getString("entries[0].id"), second.getString("entries[0].id"));
        // one older than the first audit read: the rejected read of the outputs
        assertEquals("/v1/ete/outputs", second.getString("entries[0].path"), second.prettify());
        assertEquals(400, second.getInt("entries[0].status"));
        // Filters: a principal nobody used, a window in the future
        assertEquals(0, audit("principal", "nobody-" + UUID.randomUUID()).getList("entries").size());
        assertEquals(0, audit("from", Instant.now().plusSeconds(3600).toString()).getList("entries").size());
        // Bad input is a problem naming the parameter
        given().queryParam("limit", 0).when().get("/v1/privacy/audit").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", containsString("/query/limit"));
        given().queryParam("from", "yesterday").when().get("/v1/privacy/audit").then().statusCode(400)
                .body("errors[0].field", containsString("/query/from"));
        given().queryParam("cursor", "x").when().get("/v1/privacy/audit").then().statusCode(400);
        // No update or delete path: the entries are in MongoDB as written
        long stored = database.getCollection(AuditLog.COLLECTION).countDocuments(Filters.gte("at", java.util.Date.from(before)));
        assertTrue(stored >= 8, "entries stored: " + stored);
    }

    @Test
    @Order(2)
    void aReadThatCannotBeAuditedIsNotServed() {
        QuarkusMock.installMockForType(new AuditLog(database) {
            @Override
            public Entry append(Instant at, String principal, String method, String path,
                                Map<String, List<String>> query, int status, long rows) {
                throw new MongoTimeoutException("audit log unavailable");
            }
        }, AuditLog.class);
        given().queryParam("from", FROM).queryParam("to", TO).when().get("/v1/ete/outputs").then().statusCode(503)
                .contentType("application/problem+json").body("type", containsString("audit-unavailable"))
                .body("tookUp", org.hamcrest.Matchers.nullValue());
        given().accept("text/csv").when().get("/v1/ete/outputs").then().statusCode(503)
                .contentType("application/problem+json");
    }

    @Test
    @Order(3)
    void anErasureRemovesThePersonFromViewsStoreAndEveryRebuild() throws Exception {
        String bootstrap = PlatformInfra.start().kafkaBootstrapServers();
        List<TopicPublisher.Sent> events = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            LocalDate takeUp = LocalDate.parse(FROM).plusDays(i);
            events.add(TopicPublisher.event(EventType.SERVICE_TAKEN_UP, person(i), data("takenUpOn", takeUp.toString())));
            if (i < 2) {
                events.add(TopicPublisher.event(EventType.JOB_STARTED, person(i), data("jobId", "J1",
                        "sector", "warehousing", "employer", "Depot", "hoursPerWeek", 30, "startedOn",
                        takeUp.plusDays(5).toString())));
            }
        }
        TopicPublisher.publishAll(bootstrap, events);
        await().atMost(Duration.ofSeconds(60)).until(() -> Integer.valueOf(PEOPLE).equals(tookUp()));
        String erased = person(0);
        int live = generations.active().generation();
        assertNotNull(store.states(live, List.of(erased)).get(erased));

        PersonErased erasure = new PersonErased(UUID.randomUUID().toString(), erased, Instant.now(), "referral");
        double appliedBefore = counter("applied");
        publishErasure(bootstrap, erasure);
        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(PEOPLE - 1).equals(tookUp()));
        assertNull(store.states(live, List.of(erased)).get(erased), "gone from the live generation");
        assertEquals(1, database.getCollection("erasures").countDocuments(Filters.eq("_id", erased)));
        assertEquals(appliedBefore + 1, counter("applied"), 1e-9);

        // A redelivered erasure is a no-op; a late event of the erased person is skipped.
        double alreadyBefore = counter("already-applied");
        publishErasure(bootstrap, erasure);
        TopicPublisher.publishAll(bootstrap, List.of(TopicPublisher.event(EventType.JOB_SUSTAINED, erased,
                data("jobId", "J1", "sustainedOn", LocalDate.parse(FROM).plusDays(100).toString()))));
        await().atMost(Duration.ofSeconds(30)).until(() -> counter("already-applied") >= alreadyBefore + 1);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                metrics.counter("ete.projection.erased.skipped").count() >= 1);
        assertNull(store.states(live, List.of(erased)).get(erased), "the late event did not bring them back");
        assertEquals(PEOPLE - 1, tookUp());

        // A rebuild from offset 0 replays every event of the person, and skips them all.
        int rebuilt = given().when().post("/v1/admin/projections/rebuild").then().statusCode(202).extract()
                .jsonPath().getInt("rebuild.generation");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonPath s = given().when().get("/v1/admin/projections").then().statusCode(200).extract().jsonPath();
            assertNotEquals("failed", s.getString("rebuild.state"), s.prettify());
            assertEquals("done", s.getString("rebuild.state"));
        });
        assertEquals(rebuilt, generations.active().generation());
        assertNull(store.states(rebuilt, List.of(erased)).get(erased), "not in the rebuilt generation");
        assertNotNull(store.states(rebuilt, List.of(person(1))).get(person(1)));
        assertEquals(PEOPLE - 1, tookUp());
    }

    double counter(String outcome) {
        return metrics.counter(Erasures.METRIC, "outcome", outcome).count();
    }

    static void publishErasure(String bootstrap, PersonErased e) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.PRIVACY_ERASURES, e.personId(), e.toJson()));
        }
    }

    static ObjectNode data(Object... kv) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            n.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        }
        return n;
    }
}
