package org.ete.referral;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.ete.eventkit.relay.OutboxRelay;
import org.ete.eventkit.testkit.CloudEvents;
import org.ete.eventkit.testkit.IngestAssertions;
import org.ete.eventkit.testkit.TopicProbe;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.awaitility.Awaitility.await;
import static org.ete.eventkit.testkit.CloudEvents.data;
import static org.ete.eventkit.testkit.CloudEvents.event;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The referral slice end to end through HTTP, the real broker and MongoDB over TCP. */
@QuarkusTest
@WithTestResource(PlatformInfraResource.class)
class ReferralIngestIT {
    static final String CE = "application/cloudevents+json";
    static final String TOPIC = "referral.events.v1";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    OutboxRelay relay;

    static ObjectNode referral(String crn) {
        return event("ete.referral.received.v1", crn, data(
                "referralDate", "2019-05-01", "setting", "community", "contractArea", "DLNR", "region", "East Midlands",
                "team", "Nottingham North", "office", "Nottingham", "gender", "male", "dateOfBirth", "1990-02-14",
                "ethnicity", "white", "offenceCategory", "burglary-domestic",
                "ogrs3OneYearPercent", 35.5, "ogrs3TwoYearPercent", 52.0));
    }

    static ObjectNode takeUp(String crn, String on) {
        return event("ete.referral.service-taken-up.v1", crn, data("takenUpOn", on));
    }

    static Response post(Object body) {
        return IngestAssertions.post(body);
    }

    static void assertNotStored(ObjectNode e) {
        IngestAssertions.assertNotStored(e);
    }

    static void assertProblem(Response r, int status, String field, String rule) {
        r.then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", startsWith("https://"))
                .body("errors.field", hasItem(field))
                .body("errors.rule", hasItem(rule));
    }

    @Test
    void acceptsReferralAndTakeUpAndPublishesWithoutTheCaseReference() {
        String crn = CloudEvents.newCrn();
        ObjectNode referral = referral(crn);
        post(referral).then().statusCode(201).body("outcome", equalTo("accepted")).body("streamVersion", equalTo(1))
                .body("duplicate", equalTo(false));
        ObjectNode takeUp = takeUp(crn, "2019-05-20");
        post(takeUp).then().statusCode(201).body("streamVersion", equalTo(2));

        given().when().get("/v1/people/" + crn + "/events").then().statusCode(200)
                .body("count", equalTo(2))
                .body("events[0].type", equalTo("ete.referral.received.v1"))
                .body("events[1].data.takenUpOn", equalTo("2019-05-20"));

        String bootstrap = PlatformInfra.start().kafkaBootstrapServers();
        await().untilAsserted(() -> {
            List<TopicProbe.Published> published = TopicProbe.readAll(bootstrap, TOPIC,
                    p -> takeUp.get("id").asText().equals(p.id()));
            assertEquals(1, published.size());
            TopicProbe.Published p = published.get(0);
            assertEquals("ete.referral.service-taken-up.v1", p.type());
            assertEquals(CloudEvents.SOURCE, p.source());
            assertEquals(p.key(), p.subject(), "keyed by the person id");
            assertEquals(64, p.subject().length(), "subject is the HMAC pseudonym");
            assertTrue(!p.subject().contains(crn) && !p.data().contains(crn), "case reference never published");
        });
    }

    /** Minimisation (ADR 0009): the date of birth stays in this service's store; the topic has the age at referral. */
    @Test
    void theReferralIsPublishedWithTheAgeAtReferralAndItsBandNeverTheDateOfBirth() throws Exception {
        String crn = CloudEvents.newCrn();
        ObjectNode referral = referral(crn);
        post(referral).then().statusCode(201);
        given().when().get("/v1/people/" + crn + "/events").then().statusCode(200)
                .body("events[0].data.dateOfBirth", equalTo("1990-02-14"));

        String bootstrap = PlatformInfra.start().kafkaBootstrapServers();
        await().untilAsserted(() -> {
            List<TopicProbe.Published> published = TopicProbe.readAll(bootstrap, TOPIC,
                    p -> referral.get("id").asText().equals(p.id()));
            assertEquals(1, published.size());
            TopicProbe.Published p = published.get(0);
            assertEquals("3", p.header("ce_schemaversion"), "the published schema version of the referral (ADR 0015)");
            var data = JSON.readTree(p.data());
            assertTrue(!data.has("dateOfBirth") && !p.data().contains("1990-02-14"), p.data());
            assertEquals(29, data.get("ageAtReferral").asInt(), "born 1990-02-14, referred 2019-05-01");
            assertEquals("25-29", data.get("ageBand").asText());
            assertEquals("burglary-domestic", data.get("offenceCategory").asText());
            p.record().headers().forEach(h -> assertTrue(!new String(h.value()).contains("1990-02-14"), h.key()));
        });
    }

    @Test
    void repeatIsAcknowledgedAsDuplicateAndStoredOnce() {
        ObjectNode referral = referral(CloudEvents.newCrn());
        post(referral).then().statusCode(201);
        post(referral).then().statusCode(200).body("outcome", equalTo("duplicate")).body("duplicate", equalTo(true))
                .body("streamVersion", equalTo(1));
    }

    @Test
    void fiftyConcurrentRepeatsAreStoredAndPublishedOnce() throws Exception {
        ObjectNode referral = referral(CloudEvents.newCrn());
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> post(referral).then().extract().statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(calls)) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(49, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        String bootstrap = PlatformInfra.start().kafkaBootstrapServers();
        String id = referral.get("id").asText();
        await().untilAsserted(() -> assertEquals(1, TopicProbe.readAll(bootstrap, TOPIC, p -> id.equals(p.id())).size()));
    }

    /**
     * A partner whose request timed out sends the same batch again while the first copy is still being appended (and a
     * third and fourth time). Every event must come back accepted exactly once over the four answers and duplicate in
     * the other three: never rejected by a rule because its own first copy was half-way in the person's stream.
     */
    @Test
    void aBatchReSentWhileItsFirstCopyIsStillBeingAppliedIsAnsweredWithDuplicatesNeverRejections() throws Exception {
        ArrayNode batch = JSON.createArrayNode();
        List<String> crns = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String crn = CloudEvents.newCrn();
            crns.add(crn);
            batch.add(referral(crn));
            batch.add(takeUp(crn, "2019-05-20"));
            batch.add(event("ete.referral.closed.v1", crn, data("closedOn", "2019-09-01", "reason", "Found work")));
        }
        int copies = 4;
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        List<Callable<JsonPath>> sends = new ArrayList<>();
        for (int c = 0; c < copies; c++) {
            sends.add(() -> given().contentType("application/cloudevents-batch+json").body(batch.toString())
                    .when().post("/v1/events").then().statusCode(200).extract().jsonPath());
        }
        List<JsonPath> answers = new ArrayList<>();
        for (Future<JsonPath> f : pool.invokeAll(sends)) {
            answers.add(f.get());
        }
        pool.shutdown();
        for (int i = 0; i < batch.size(); i++) {
            List<String> outcomes = new ArrayList<>();
            for (JsonPath a : answers) {
                outcomes.add(a.getString("results[" + i + "].outcome"));
            }
            assertEquals(1, outcomes.stream().filter("accepted"::equals).count(), "event " + i + ": " + outcomes);
            assertEquals(copies - 1, outcomes.stream().filter("duplicate"::equals).count(), "event " + i + ": " + outcomes);
        }
        for (String crn : crns) {
            given().when().get("/v1/people/" + crn + "/events").then().statusCode(200).body("count", equalTo(3))
                    .body("events.streamVersion", equalTo(List.of(1, 2, 3)));
        }
    }

    @Test
    void takeUpWithoutReferralIs422AndNothingIsStored() {
        ObjectNode takeUp = takeUp(CloudEvents.newCrn(), "2019-05-20");
        post(takeUp).then().statusCode(422).contentType("application/problem+json")
                .body("rule", equalTo("referral-required")).body("status", equalTo(422));
        assertNotStored(takeUp);
    }

    @Test
    void referralOfAMinorIs422() {
        ObjectNode referral = referral(CloudEvents.newCrn());
        ((ObjectNode) referral.get("data")).put("dateOfBirth", "2002-05-02");
        assertProblem(post(referral), 422, "/data/dateOfBirth", "adult-at-referral");
        assertNotStored(referral);
    }

    @Test
    void malformedJsonIs400() {
        given().contentType(CE).body("{\"specversion\": \"1.0\", ").when().post("/v1/events")
                .then().statusCode(400).contentType("application/problem+json").body("errors.rule", hasItem("json-syntax"));
    }

    @Test
    void unknownTypeIs400NamingTheField() {
        ObjectNode e = event("ete.referral.teleported.v1", CloudEvents.newCrn(), data("on", "2019-01-01"));
        assertProblem(post(e), 400, "/type", "enum");
        assertNotStored(e);
    }

    @Test
    void missingIllTypedAndBadEnumFieldsAre400() {
        ObjectNode missing = referral(CloudEvents.newCrn());
        ((ObjectNode) missing.get("data")).remove("team");
        assertProblem(post(missing), 400, "/data/team", "required");
        assertNotStored(missing);

        ObjectNode illTyped = referral(CloudEvents.newCrn());
        ((ObjectNode) illTyped.get("data")).put("ogrs3OneYearPercent", "high");
        Response r = post(illTyped);
        r.then().statusCode(400).contentType("application/problem+json");
        assertNotStored(illTyped);

        ObjectNode badEnum = referral(CloudEvents.newCrn());
        ((ObjectNode) badEnum.get("data")).put("setting", "Community");
        assertProblem(post(badEnum), 400, "/data/setting", "enum");
        assertNotStored(badEnum);
    }

    @Test
    void futureDateIs422NamingTheField() {
        ObjectNode e = referral(CloudEvents.newCrn());
        ((ObjectNode) e.get("data")).put("referralDate", LocalDate.now().plusDays(2).toString());
        assertProblem(post(e), 422, "/data/referralDate", "not-in-future");
        assertNotStored(e);
    }

    @Test
    void badCaseReferenceIs400() {
        ObjectNode e = referral("x12345");
        assertProblem(post(e), 400, "/subject", "pattern");
        assertNotStored(e);
    }

    @Test
    void operatorShapedKeysAndUnknownAttributesAre400() {
        ObjectNode e = referral(CloudEvents.newCrn());
        ((ObjectNode) e.get("data")).set("$where", CloudEvents.JSON.createObjectNode().put("$gt", ""));
        assertProblem(post(e), 400, "/data/$where", "key-characters");
        ObjectNode extra = referral(CloudEvents.newCrn());
        extra.put("partnerNote", "x");
        assertProblem(post(extra), 400, "/partnerNote", "unknown-attribute");
    }

    @Test
    void oversizeBodyIs413() {
        ObjectNode e = referral(CloudEvents.newCrn());
        ((ObjectNode) e.get("data")).put("office", "x".repeat(70_000));
        post(e).then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
        assertNotStored(e);
    }

    @Test
    void wrongMediaTypeIs415Problem() {
        given().contentType(ContentType.TEXT).body("hello").when().post("/v1/events")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void batchAnswersEachEventInOrderAndLaterEventsMayRelyOnEarlierOnes() {
        String crn = CloudEvents.newCrn();
        ObjectNode referral = referral(crn);
        ObjectNode bad = takeUp(crn, "not-a-date");
        ObjectNode takeUp = takeUp(crn, "2019-06-01");
        given().contentType("application/cloudevents-batch+json")
                .body(CloudEvents.batch(List.of(referral, bad, takeUp, referral)))
                .when().post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(2)).body("rejected", equalTo(1)).body("duplicates", equalTo(1))
                .body("results.outcome", equalTo(List.of("accepted", "rejected", "accepted", "duplicate")))
                .body("results[1].problem.status", equalTo(400))
                .body("results[1].problem.errors[0].field", equalTo("/data/takenUpOn"));
    }

    @Test
    void anEventAppendedWhileTheRelayIsDownIsPublishedWhenItComesBack() {
        String bootstrap = PlatformInfra.start().kafkaBootstrapServers();
        relay.stop(); // as if the process died between the append and the publish
        try {
            ObjectNode referral = referral(CloudEvents.newCrn());
            post(referral).then().statusCode(201);
            String id = referral.get("id").asText();
            given().queryParam("source", CloudEvents.SOURCE).queryParam("id", id).when().get("/v1/events")
                    .then().statusCode(200).body("published", equalTo(false));
            assertEquals(0, TopicProbe.readAll(bootstrap, TOPIC, p -> id.equals(p.id())).size());
            relay.start();
            await().untilAsserted(() -> assertEquals(1, TopicProbe.readAll(bootstrap, TOPIC, p -> id.equals(p.id())).size()));
            given().queryParam("source", CloudEvents.SOURCE).queryParam("id", id).when().get("/v1/events")
                    .then().statusCode(200).body("published", equalTo(true));
        } finally {
            relay.start();
        }
    }

    @Test
    void healthAndMetricsAnswer() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("ete_ingest_events_total"))
                .body(org.hamcrest.Matchers.containsString("ete_outbox_backlog"));
    }
}
