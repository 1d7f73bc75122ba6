package org.ete.employment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.ete.eventkit.testkit.CloudEvents;
import org.ete.eventkit.testkit.IngestAssertions;
import org.ete.eventkit.testkit.TopicProbe;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
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
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The employment slice end to end through HTTP, the real broker and MongoDB over TCP. */
@QuarkusTest
@WithTestResource(PlatformInfraResource.class)
class EmploymentIngestIT {
    static final String CE = "application/cloudevents+json";
    static final String TOPIC = "employment.events.v1";
    static final String START = "2020-01-06";

    // ---- events ----

    static ObjectNode started(String crn, String jobId, String on) {
        return event("ete.employment.job-started.v1", crn, data("jobId", jobId, "sector", "warehousing",
                "employer", "Trentside Logistics Ltd", "hoursPerWeek", 37.5, "startedOn", on));
    }

    static ObjectNode sustained(String crn, String jobId, String on) {
        return event("ete.employment.job-sustained.v1", crn, data("jobId", jobId, "sustainedOn", on));
    }

    static ObjectNode ended(String crn, String jobId, String on) {
        return event("ete.employment.job-ended.v1", crn, data("jobId", jobId, "endedOn", on, "reason", "Contract ended"));
    }

    static String plusDays(String date, int days) {
        return LocalDate.parse(date).plusDays(days).toString();
    }

    // ---- HTTP ----

    static Response post(Object body) {
        return IngestAssertions.post(body);
    }

    static void accepted(ObjectNode e, int streamVersion) {
        post(e).then().statusCode(201).body("outcome", equalTo("accepted")).body("duplicate", equalTo(false))
                .body("streamVersion", equalTo(streamVersion));
    }

    static void assertNotStored(ObjectNode e) {
        IngestAssertions.assertNotStored(e);
    }

    /** A broken domain rule: status, problem+json, the rule and field named, nothing stored. */
    static void refused(ObjectNode e, int status, String rule, String field) {
        post(e).then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("rule", equalTo(rule))
                .body("errors.field", hasItem(field))
                .body("errors.rule", hasItem(rule));
        assertNotStored(e);
    }

    /** Invalid data (schema): 400 naming the field. */
    static void invalid(ObjectNode e, String field) {
        post(e).then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field));
        assertNotStored(e);
    }

    // ---- happy path ----

    @Test
    void startSustainAndEndArePublishedOnceKeyedByThePersonId() {
        String crn = CloudEvents.newCrn();
        ObjectNode start = started(crn, "JOB-1", START);
        ObjectNode sustain = sustained(crn, "JOB-1", plusDays(START, 91));
        ObjectNode end = ended(crn, "JOB-1", "2020-09-30");
        accepted(start, 1);
        accepted(sustain, 2);
        accepted(end, 3);

        given().when().get("/v1/people/" + crn + "/events").then().statusCode(200)
                .body("count", equalTo(3))
                .body("events.type", equalTo(List.of("ete.employment.job-started.v1",
                        "ete.employment.job-sustained.v1", "ete.employment.job-ended.v1")))
                .body("events[0].data.hoursPerWeek", equalTo(37.5f))
                .body("events[1].occurredAt", equalTo("2020-04-06"));

        String bootstrap = PlatformInfra.start().kafkaBootstrapServers();
        List<String> ids = List.of(start.get("id").asText(), sustain.get("id").asText(), end.get("id").asText());
        await().untilAsserted(() -> {
            List<TopicProbe.Published> published = TopicProbe.readAll(bootstrap, TOPIC, p -> ids.contains(p.id()));
            assertEquals(ids, published.stream().map(TopicProbe.Published::id).toList(), "each once, in order");
            String personId = published.get(0).key();
            assertEquals(64, personId.length(), "keyed by the HMAC pseudonym");
            for (TopicProbe.Published p : published) {
                assertEquals(personId, p.key(), "one person, one key");
                assertEquals(p.key(), p.subject());
                assertEquals(CloudEvents.SOURCE, p.source());
                assertFalse(p.subject().contains(crn) || p.data().contains(crn), "case reference never published");
            }
            assertEquals("ete.employment.job-sustained.v1", published.get(1).type());
        });
    }

    @Test
    void aSecondJobForTheSamePersonIsFine() {
        String crn = CloudEvents.newCrn();
        accepted(started(crn, "JOB-1", START), 1);
        accepted(started(crn, "JOB-2", "2020-02-03"), 2); // held at the same time
        accepted(ended(crn, "JOB-1", "2020-03-01"), 3);
        accepted(sustained(crn, "JOB-2", plusDays("2020-02-03", 91)), 4);
        refused(started(crn, "JOB-1", "2020-05-01"), 409, "job-started-once", "/data/jobId");
    }

    // ---- sustained ----

    @Test
    void sustainedForAnUnknownJobIs422() {
        String crn = CloudEvents.newCrn();
        refused(sustained(crn, "JOB-9", "2020-06-01"), 422, "job-started-required", "/data/jobId");
        accepted(started(crn, "JOB-1", START), 1);
        refused(sustained(crn, "JOB-9", "2020-06-01"), 422, "job-started-required", "/data/jobId");
    }

    @Test
    void sustainedAtStartPlus90DaysIs422AndAtStartPlus91IsAccepted() {
        String crn = CloudEvents.newCrn();
        accepted(started(crn, "JOB-1", START), 1);
        refused(sustained(crn, "JOB-1", plusDays(START, 90)), 422, "sustained-after-13-weeks", "/data/sustainedOn");
        accepted(sustained(crn, "JOB-1", plusDays(START, 91)), 2);
    }

    @Test
    void sustainedTwiceIs409() {
        String crn = CloudEvents.newCrn();
        accepted(started(crn, "JOB-1", START), 1);
        accepted(sustained(crn, "JOB-1", plusDays(START, 91)), 2);
        refused(sustained(crn, "JOB-1", plusDays(START, 120)), 409, "job-sustained-once", "/data/jobId");
    }

    @Test
    void sustainedAfterTheJobEndedIs422() {
        String crn = CloudEvents.newCrn();
        accepted(started(crn, "JOB-1", START), 1);
        accepted(ended(crn, "JOB-1", plusDays(START, 100)), 2);
        refused(sustained(crn, "JOB-1", plusDays(START, 101)), 422, "sustained-not-after-end", "/data/sustainedOn");
        accepted(sustained(crn, "JOB-1", plusDays(START, 100)), 3);
    }

    // ---- ended ----

    @Test
    void endedBeforeStartIs422AndTwiceIs409() {
        String crn = CloudEvents.newCrn();
        refused(ended(crn, "JOB-1", START), 422, "job-started-required", "/data/jobId");
        accepted(started(crn, "JOB-1", START), 1);
        refused(ended(crn, "JOB-1", plusDays(START, -1)), 422, "ended-not-before-start", "/data/endedOn");
        accepted(ended(crn, "JOB-1", START), 2); // a one-day job
        refused(ended(crn, "JOB-1", plusDays(START, 30)), 409, "job-ended-once", "/data/jobId");
    }

    @Test
    void endedBeforeTheSustainedDateIs422() {
        String crn = CloudEvents.newCrn();
        accepted(started(crn, "JOB-1", START), 1);
        accepted(sustained(crn, "JOB-1", plusDays(START, 95)), 2);
        refused(ended(crn, "JOB-1", plusDays(START, 94)), 422, "ended-not-before-sustained", "/data/endedOn");
    }

    // ---- hours per week ----

    @Test
    void hoursPerWeekMustBeAboveZeroAndAtMost100() {
        String crn = CloudEvents.newCrn();
        ObjectNode zero = started(crn, "JOB-1", START);
        ((ObjectNode) zero.get("data")).put("hoursPerWeek", 0);
        invalid(zero, "/data/hoursPerWeek");
        ObjectNode over = started(crn, "JOB-1", START);
        ((ObjectNode) over.get("data")).put("hoursPerWeek", 100.5);
        invalid(over, "/data/hoursPerWeek");
        ObjectNode text = started(crn, "JOB-1", START);
        ((ObjectNode) text.get("data")).put("hoursPerWeek", "full-time");
        invalid(text, "/data/hoursPerWeek");

        ObjectNode decimal = started(crn, "JOB-1", START);
        accepted(decimal, 1);
        given().queryParam("source", CloudEvents.SOURCE).queryParam("id", decimal.get("id").asText())
                .when().get("/v1/events").then().statusCode(200).body("data.hoursPerWeek", equalTo(37.5f));
        ObjectNode hundred = started(crn, "JOB-2", START);
        ((ObjectNode) hundred.get("data")).put("hoursPerWeek", 100);
        accepted(hundred, 2);
    }

    // ---- duplicates ----

    @Test
    void aRepeatIsAcknowledgedAsDuplicateAndStoredOnce() {
        String crn = CloudEvents.newCrn();
        ObjectNode start = started(crn, "JOB-1", START);
        accepted(start, 1);
        post(start).then().statusCode(200).body("outcome", equalTo("duplicate")).body("duplicate", equalTo(true))
                .body("streamVersion", equalTo(1));
        ObjectNode end = ended(crn, "JOB-1", "2020-02-01");
        accepted(end, 2);
        post(end).then().statusCode(200).body("outcome", equalTo("duplicate")).body("streamVersion", equalTo(2));
        given().when().get("/v1/people/" + crn + "/events").then().statusCode(200).body("count", equalTo(2));
    }

    @Test
    void concurrentRepeatsOfAJobStartAreStoredAndPublishedOnce() throws Exception {
        ObjectNode start = started(CloudEvents.newCrn(), "JOB-1", START);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(() -> post(start).then().extract().statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(calls)) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(29, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        String bootstrap = PlatformInfra.start().kafkaBootstrapServers();
        String id = start.get("id").asText();
        await().untilAsserted(() -> assertEquals(1, TopicProbe.readAll(bootstrap, TOPIC, p -> id.equals(p.id())).size()));
    }

    // ---- batch ----

    @Test
    void aMixedBatchIsAnsweredPerEventInOrder() {
        String crn = CloudEvents.newCrn();
        ObjectNode start = started(crn, "JOB-1", START);
        ObjectNode tooEarly = sustained(crn, "JOB-1", plusDays(START, 90));
        ObjectNode badHours = started(crn, "JOB-2", START);
        ((ObjectNode) badHours.get("data")).put("hoursPerWeek", 0);
        ObjectNode onTime = sustained(crn, "JOB-1", plusDays(START, 91));
        ObjectNode unknownJob = ended(crn, "JOB-3", "2020-06-01");
        ObjectNode end = ended(crn, "JOB-1", "2020-06-01");
        given().contentType("application/cloudevents-batch+json")
                .body(CloudEvents.batch(List.of(start, tooEarly, badHours, onTime, unknownJob, end, start)))
                .when().post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(3)).body("rejected", equalTo(3)).body("duplicates", equalTo(1))
                .body("results.outcome", equalTo(List.of("accepted", "rejected", "rejected", "accepted", "rejected",
                        "accepted", "duplicate")))
                .body("results.streamVersion", equalTo(java.util.Arrays.asList(1, null, null, 2, null, 3, 1)))
                .body("results[1].problem.status", equalTo(422))
                .body("results[1].problem.rule", equalTo("sustained-after-13-weeks"))
                .body("results[2].problem.status", equalTo(400))
                .body("results[2].problem.errors[0].field", equalTo("/data/hoursPerWeek"))
                .body("results[4].problem.rule", equalTo("job-started-required"));
        assertNotStored(tooEarly);
        assertNotStored(badHours);
        assertNotStored(unknownJob);
        given().when().get("/v1/people/" + crn + "/events").then().statusCode(200).body("count", equalTo(3));
    }

    @Test
    void concurrentAppendsToOnePersonGetDistinctVersionsAndNoneIsLost() throws Exception {
        String crn = CloudEvents.newCrn();
        int jobs = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<io.restassured.response.ExtractableResponse<Response>>> calls = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            ObjectNode start = started(crn, "JOB-" + i, START);
            calls.add(() -> post(start).then().extract());
        }
        java.util.Set<Integer> versions = new java.util.TreeSet<>();
        for (Future<io.restassured.response.ExtractableResponse<Response>> f : pool.invokeAll(calls)) {
            assertEquals(201, f.get().statusCode(), f.get().asString());
            versions.add(f.get().jsonPath().getInt("streamVersion"));
        }
        pool.shutdown();
        assertEquals(jobs, versions.size(), "every accepted event has its own stream version: " + versions);
        assertEquals(1, (int) ((java.util.TreeSet<Integer>) versions).first());
        assertEquals(jobs, (int) ((java.util.TreeSet<Integer>) versions).last());
        given().when().get("/v1/people/" + crn + "/events").then().statusCode(200).body("count", equalTo(jobs));
    }

    @Test
    void openApiDescribesTheService() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("ETE employment service"))
                .body("paths", hasKey("/v1/events"));
    }
}
