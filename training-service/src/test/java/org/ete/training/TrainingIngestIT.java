package org.ete.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.common.header.Header;
import org.ete.eventkit.testkit.CloudEvents;
import org.ete.eventkit.testkit.TopicProbe;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.ete.eventkit.testkit.IngestAssertions.accepted;
import static org.ete.eventkit.testkit.IngestAssertions.assertNotStored;
import static org.ete.eventkit.testkit.IngestAssertions.assertRuleBroken;
import static org.ete.eventkit.testkit.IngestAssertions.post;
import static org.awaitility.Awaitility.await;
import static org.ete.eventkit.testkit.CloudEvents.data;
import static org.ete.eventkit.testkit.CloudEvents.event;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training slice end to end through HTTP, the real broker and MongoDB over TCP. */
@QuarkusTest
@WithTestResource(PlatformInfraResource.class)
class TrainingIngestIT {
    static final String CE = "application/cloudevents+json";
    static final String TOPIC = "training.events.v1";
    static final String STARTED = "ete.training.course-started.v1";
    static final String COMPLETED = "ete.training.course-completed.v1";
    static final String WITHDRAWN = "ete.training.course-withdrawn.v1";

    static ObjectNode started(String crn, String courseId, String on) {
        return event(STARTED, crn, data("courseId", courseId, "qualification", "cscs",
                "provider", "Midlands Construction Skills", "startedOn", on));
    }

    static ObjectNode completed(String crn, String courseId, String on) {
        return event(COMPLETED, crn, data("courseId", courseId, "completedOn", on, "achieved", true));
    }

    static ObjectNode withdrawn(String crn, String courseId, String on) {
        return event(WITHDRAWN, crn, data("courseId", courseId, "withdrawnOn", on, "reason", "Started full-time work"));
    }


    @Test
    void coursesStartedCompletedAndWithdrawnAreListedAndPublishedOnceWithoutTheCrn() {
        String crn = CloudEvents.newCrn();
        ObjectNode startA = started(crn, "CRS-A", "2021-04-12");
        ObjectNode completeA = completed(crn, "CRS-A", "2021-04-16");
        ObjectNode startB = started(crn, "CRS-B", "2021-05-03");
        ObjectNode withdrawB = withdrawn(crn, "CRS-B", "2021-05-03"); // same day as the start is allowed
        List<ObjectNode> all = List.of(startA, completeA, startB, withdrawB);
        int version = 0;
        for (ObjectNode e : all) {
            post(e).then().statusCode(201).body("outcome", equalTo("accepted"))
                    .body("streamVersion", equalTo(++version));
        }

        given().when().get("/v1/people/" + crn + "/events").then().statusCode(200)
                .body("count", equalTo(4))
                .body("events.type", equalTo(List.of(STARTED, COMPLETED, STARTED, WITHDRAWN)))
                .body("events.id", equalTo(all.stream().map(e -> e.get("id").asText()).toList()))
                .body("events[1].data.completedOn", equalTo("2021-04-16"))
                .body("events[3].occurredAt", equalTo("2021-05-03"));

        String bootstrap = PlatformInfra.start().kafkaBootstrapServers();
        Set<String> ids = all.stream().map(e -> e.get("id").asText()).collect(Collectors.toSet());
        await().untilAsserted(() -> {
            List<TopicProbe.Published> published = TopicProbe.readAll(bootstrap, TOPIC, p -> ids.contains(p.id()));
            assertEquals(4, published.size(), "each event published exactly once");
            assertEquals(ids, published.stream().map(TopicProbe.Published::id).collect(Collectors.toSet()));
            String personId = published.get(0).key();
            assertTrue(personId.matches("[0-9a-f]{64}"), "keyed by the 64-hex person id: " + personId);
            for (TopicProbe.Published p : published) {
                assertEquals(personId, p.key(), "one person, one key");
                assertEquals(personId, p.subject(), "ce_subject is the person id");
                assertEquals(CloudEvents.SOURCE, p.source());
                assertNeverContains(p, crn);
            }
            assertEquals(List.of(STARTED, COMPLETED, STARTED, WITHDRAWN),
                    published.stream().map(TopicProbe.Published::type).toList(), "per-person order kept");
        });
    }

    static void assertNeverContains(TopicProbe.Published p, String crn) {
        assertFalse(p.key().contains(crn));
        assertFalse(p.data() != null && p.data().contains(crn), "value holds the case reference");
        for (Header h : p.record().headers()) {
            assertFalse(new String(h.value(), StandardCharsets.UTF_8).contains(crn), "header " + h.key());
        }
    }

    @Test
    void aRepeatIsAcknowledgedAsADuplicate() {
        ObjectNode e = started(CloudEvents.newCrn(), "CRS-1", "2021-04-12");
        accepted(e);
        post(e).then().statusCode(200).body("outcome", equalTo("duplicate")).body("streamVersion", equalTo(1));
    }

    @Test
    void secondStartOfTheSameCourseIs409CourseStartedOnce() {
        String crn = CloudEvents.newCrn();
        accepted(started(crn, "CRS-1", "2021-04-12"));
        assertRuleBroken(started(crn, "CRS-1", "2021-05-01"), 409, "course-started-once", "/data/courseId");
    }

    @Test
    void theSameCourseIdForAnotherPersonIsFine() {
        accepted(started(CloudEvents.newCrn(), "CRS-SHARED", "2021-04-12"));
        accepted(started(CloudEvents.newCrn(), "CRS-SHARED", "2021-04-12"));
    }

    @Test
    void completionOfACourseNeverStartedIs422CourseStartedRequired() {
        String crn = CloudEvents.newCrn();
        accepted(started(crn, "CRS-1", "2021-04-12"));
        assertRuleBroken(completed(crn, "CRS-2", "2021-05-01"), 422, "course-started-required", "/data/courseId");
    }

    @Test
    void withdrawalFromACourseNeverStartedIs422CourseStartedRequired() {
        assertRuleBroken(withdrawn(CloudEvents.newCrn(), "CRS-1", "2021-05-01"), 422, "course-started-required",
                "/data/courseId");
    }

    @Test
    void completionOfAnotherPersonsCourseIs422CourseStartedRequired() {
        accepted(started(CloudEvents.newCrn(), "CRS-OTHER", "2021-04-12"));
        assertRuleBroken(completed(CloudEvents.newCrn(), "CRS-OTHER", "2021-05-01"), 422, "course-started-required",
                "/data/courseId");
    }

    @Test
    void secondCompletionIs409CourseAlreadyFinished() {
        String crn = CloudEvents.newCrn();
        accepted(started(crn, "CRS-1", "2021-04-12"));
        accepted(completed(crn, "CRS-1", "2021-04-16"));
        assertRuleBroken(completed(crn, "CRS-1", "2021-04-17"), 409, "course-already-finished", "/data/courseId");
    }

    @Test
    void secondWithdrawalIs409CourseAlreadyFinished() {
        String crn = CloudEvents.newCrn();
        accepted(started(crn, "CRS-1", "2021-04-12"));
        accepted(withdrawn(crn, "CRS-1", "2021-04-14"));
        assertRuleBroken(withdrawn(crn, "CRS-1", "2021-04-15"), 409, "course-already-finished", "/data/courseId");
    }

    @Test
    void withdrawalAfterCompletionIs409CourseAlreadyFinished() {
        String crn = CloudEvents.newCrn();
        accepted(started(crn, "CRS-1", "2021-04-12"));
        accepted(completed(crn, "CRS-1", "2021-04-16"));
        assertRuleBroken(withdrawn(crn, "CRS-1", "2021-04-17"), 409, "course-already-finished", "/data/courseId");
    }

    @Test
    void completionAfterWithdrawalIs409CourseAlreadyFinished() {
        String crn = CloudEvents.newCrn();
        accepted(started(crn, "CRS-1", "2021-04-12"));
        accepted(withdrawn(crn, "CRS-1", "2021-04-14"));
        assertRuleBroken(completed(crn, "CRS-1", "2021-04-16"), 409, "course-already-finished", "/data/courseId");
    }

    @Test
    void completionBeforeTheStartIs422FinishedNotBeforeStart() {
        String crn = CloudEvents.newCrn();
        accepted(started(crn, "CRS-1", "2021-04-12"));
        assertRuleBroken(completed(crn, "CRS-1", "2021-04-11"), 422, "finished-not-before-start", "/data/completedOn");
    }

    @Test
    void withdrawalBeforeTheStartIs422FinishedNotBeforeStart() {
        String crn = CloudEvents.newCrn();
        accepted(started(crn, "CRS-1", "2021-04-12"));
        assertRuleBroken(withdrawn(crn, "CRS-1", "2021-03-01"), 422, "finished-not-before-start", "/data/withdrawnOn");
    }

    @Test
    void unknownQualificationIs400() {
        ObjectNode e = started(CloudEvents.newCrn(), "CRS-1", "2021-04-12");
        ((ObjectNode) e.get("data")).put("qualification", "forklift");
        post(e).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("/data/qualification")).body("errors.rule", hasItem("enum"));
        assertNotStored(e);
    }

    @Test
    void batchWithMixedValidAndInvalidEventsAnswersEachInOrder() {
        String crn = CloudEvents.newCrn();
        ObjectNode start = started(crn, "CRS-1", "2021-04-12");
        ObjectNode completeUnknown = completed(crn, "CRS-9", "2021-04-16");
        ObjectNode badDate = completed(crn, "CRS-1", "16/04/2021");
        ObjectNode early = completed(crn, "CRS-1", "2021-04-01");
        ObjectNode complete = completed(crn, "CRS-1", "2021-04-16");
        ObjectNode withdraw = withdrawn(crn, "CRS-1", "2021-04-17");
        ObjectNode restart = started(crn, "CRS-1", "2021-06-01");
        List<ObjectNode> batch = List.of(start, completeUnknown, badDate, early, complete, withdraw, restart, start);
        given().contentType("application/cloudevents-batch+json").body(CloudEvents.batch(batch))
                .when().post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(2)).body("rejected", equalTo(5)).body("duplicates", equalTo(1))
                .body("results.outcome", equalTo(List.of("accepted", "rejected", "rejected", "rejected", "accepted",
                        "rejected", "rejected", "duplicate")))
                .body("results[1].problem.status", equalTo(422))
                .body("results[1].problem.rule", equalTo("course-started-required"))
                .body("results[2].problem.status", equalTo(400))
                .body("results[2].problem.errors[0].field", equalTo("/data/completedOn"))
                .body("results[3].problem.status", equalTo(422))
                .body("results[3].problem.rule", equalTo("finished-not-before-start"))
                .body("results[4].streamVersion", equalTo(2))
                .body("results[5].problem.status", equalTo(409))
                .body("results[5].problem.rule", equalTo("course-already-finished"))
                .body("results[6].problem.status", equalTo(409))
                .body("results[6].problem.rule", equalTo("course-started-once"));
        for (ObjectNode rejected : List.of(completeUnknown, badDate, early, withdraw, restart)) {
            assertNotStored(rejected);
        }
        given().when().get("/v1/people/" + crn + "/events").then().statusCode(200).body("count", equalTo(2));
    }

    @Test
    void healthAndMetricsAnswer() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("ete_ingest_events_total"))
                .body(containsString("type=\"" + STARTED + "\""))
                .body(containsString("ete_outbox_backlog"));
    }

    @Test
    void openApiDescribesTheService() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("ETE training service"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/events"));
    }
}
