package org.ete.peermentor;

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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
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
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Academy slice end to end through HTTP, the real broker and MongoDB over TCP. One test per rule. */
@QuarkusTest
@WithTestResource(PlatformInfraResource.class)
class PeerMentorIngestIT {
    static final String CE = "application/cloudevents+json";
    static final String TOPIC = "peer-mentor.events.v1";
    static final String TRAINING_STARTED = "ete.academy.mentor-training-started.v1";
    static final String GRADUATED = "ete.academy.mentor-graduated.v1";
    static final String WITHDREW = "ete.academy.mentor-withdrew.v1";
    static final String SUBMITTED = "ete.academy.application-submitted.v1";
    static final String HIRED = "ete.academy.candidate-hired.v1";
    static final String PROMOTED = "ete.academy.employee-promoted.v1";
    static final String LEFT = "ete.academy.employee-left.v1";
    static final String SICKNESS = "ete.academy.sickness-recorded.v1";

    private static final AtomicLong SEQUENCE =
            new AtomicLong(System.nanoTime() ^ ThreadLocalRandom.current().nextLong());

    /** An HR candidate reference no other test uses, e.g. {@code CAND-00A1B2C3}. */
    static String newCandidate() {
        return "CAND-" + String.format("%08X", SEQUENCE.incrementAndGet() & 0xFFFFFFFFL);
    }

    // ---- events ----

    static ObjectNode trainingStarted(String ref, String on) {
        return event(TRAINING_STARTED, ref, data("intakeId", "ACAD-2022-SPRING", "startedOn", on));
    }

    static ObjectNode graduated(String ref, String on) {
        return event(GRADUATED, ref, data("graduatedOn", on));
    }

    static ObjectNode withdrew(String ref, String on) {
        return event(WITHDREW, ref, data("withdrewOn", on, "reason", "Moved out of the area"));
    }

    static ObjectNode submitted(String ref, String applicationId, String level, String on) {
        return event(SUBMITTED, ref, data("applicationId", applicationId, "role", "Peer Support Worker",
                "level", level, "livedExperience", true, "route", "academy", "submittedOn", on));
    }

    static ObjectNode hired(String ref, String applicationId, String level, String appointedOn, String startedOn) {
        return event(HIRED, ref, data("applicationId", applicationId, "role", "Peer Support Worker", "level", level,
                "appointedOn", appointedOn, "startedOn", startedOn));
    }

    static ObjectNode promoted(String ref, String level, String on) {
        return event(PROMOTED, ref, data("level", level, "promotedOn", on));
    }

    static ObjectNode left(String ref, String on) {
        return event(LEFT, ref, data("leftOn", on, "reason", "Resigned to take another post"));
    }

    static ObjectNode sickness(String ref, String firstDay, int days) {
        return event(SICKNESS, ref, data("firstDay", firstDay, "days", days));
    }

    // ---- helpers ----


    /** A new candidate in mentor training since 2022-04-04. */
    static String inTraining() {
        String ref = newCandidate();
        accepted(trainingStarted(ref, "2022-04-04"));
        return ref;
    }

    /** A new candidate who applied (APP-1, entry, 2023-01-16) and started work at entry level on 2023-03-13. */
    static String employee() {
        String ref = newCandidate();
        accepted(submitted(ref, "APP-1", "entry", "2023-01-16"));
        accepted(hired(ref, "APP-1", "entry", "2023-02-20", "2023-03-13"));
        return ref;
    }

    // ---- happy path ----

    @Test
    void theWholePathIsListedAndPublishedOnceKeyedByPersonIdWithoutTheReference() {
        String ref = newCandidate();
        List<ObjectNode> path = List.of(
                trainingStarted(ref, "2022-04-04"),
                withdrew(ref, "2022-05-20"),
                trainingStarted(ref, "2022-09-05"), // a second start after a withdrawal
                graduated(ref, "2022-12-02"),
                submitted(ref, "APP-2023-0158", "entry", "2023-01-16"),
                hired(ref, "APP-2023-0158", "entry", "2023-02-20", "2023-03-13"),
                sickness(ref, "2023-04-03", 3),
                promoted(ref, "intermediate", "2023-06-01"),
                promoted(ref, "managerial", "2023-09-01"),
                left(ref, "2023-11-30"),
                sickness(ref, "2023-11-27", 2)); // reported after leaving, began before: fine
        int version = 0;
        for (ObjectNode e : path) {
            post(e).then().statusCode(201).body("outcome", equalTo("accepted"))
                    .body("streamVersion", equalTo(++version));
        }
        List<String> ids = path.stream().map(e -> e.get("id").asText()).toList();
        List<String> types = path.stream().map(e -> e.get("type").asText()).toList();

        given().when().get("/v1/people/" + ref + "/events").then().statusCode(200)
                .body("count", equalTo(path.size()))
                .body("events.id", equalTo(ids))
                .body("events.type", equalTo(types))
                .body("events[5].occurredAt", equalTo("2023-02-20"))
                .body("events[5].data.startedOn", equalTo("2023-03-13"));

        String bootstrap = PlatformInfra.start().kafkaBootstrapServers();
        Set<String> idSet = Set.copyOf(ids);
        await().untilAsserted(() -> {
            List<TopicProbe.Published> published = TopicProbe.readAll(bootstrap, TOPIC, p -> idSet.contains(p.id()));
            assertEquals(path.size(), published.size(), "each event published exactly once");
            assertEquals(idSet, published.stream().map(TopicProbe.Published::id).collect(Collectors.toSet()));
            assertEquals(types, published.stream().map(TopicProbe.Published::type).toList(), "per-person order kept");
            String personId = published.get(0).key();
            assertTrue(personId.matches("[0-9a-f]{64}"), "keyed by the 64-hex person id: " + personId);
            for (TopicProbe.Published p : published) {
                assertEquals(personId, p.key(), "one person, one key");
                assertEquals(personId, p.subject(), "ce_subject is the person id");
                assertEquals(CloudEvents.SOURCE, p.source());
                assertFalse(p.key().contains(ref));
                assertFalse(p.data() != null && p.data().contains(ref), "value holds the reference");
                for (Header h : p.record().headers()) {
                    assertFalse(new String(h.value(), StandardCharsets.UTF_8).contains(ref), "header " + h.key());
                }
            }
        });
    }

    @Test
    void aRepeatIsAcknowledgedAsADuplicate() {
        ObjectNode e = trainingStarted(newCandidate(), "2022-04-04");
        accepted(e);
        post(e).then().statusCode(200).body("outcome", equalTo("duplicate")).body("streamVersion", equalTo(1));
    }

    @Test
    void aLowerCaseSubjectIsNotACandidateReferenceAndIs400() {
        ObjectNode e = trainingStarted("cand-0042", "2022-04-04");
        post(e).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("/subject")).body("errors.rule", hasItem("pattern"));
        assertNotStored(e);
    }

    // ---- mentor training ----

    @Test
    void startWhileTrainingIsInProgressIs409() {
        String ref = inTraining();
        assertRuleBroken(trainingStarted(ref, "2022-05-02"), 409, "mentor-training-in-progress", "/subject");
    }

    @Test
    void startAfterGraduationIs409() {
        String ref = inTraining();
        accepted(graduated(ref, "2022-07-01"));
        assertRuleBroken(trainingStarted(ref, "2022-09-05"), 409, "mentor-already-graduated", "/subject");
    }

    @Test
    void restartDatedBeforeTheWithdrawalIs422AndOnOrAfterItIsAccepted() {
        String ref = inTraining();
        accepted(withdrew(ref, "2022-05-20"));
        assertRuleBroken(trainingStarted(ref, "2022-05-19"), 422, "restart-not-before-withdrawal", "/data/startedOn");
        accepted(trainingStarted(ref, "2022-05-20"));
    }

    @Test
    void graduationWithoutTrainingIs422() {
        assertRuleBroken(graduated(newCandidate(), "2022-07-01"), 422, "mentor-training-required", "/subject");
    }

    @Test
    void withdrawalWithoutTrainingIs422() {
        assertRuleBroken(withdrew(newCandidate(), "2022-07-01"), 422, "mentor-training-required", "/subject");
    }

    @Test
    void secondGraduationIs409() {
        String ref = inTraining();
        accepted(graduated(ref, "2022-07-01"));
        assertRuleBroken(graduated(ref, "2022-07-02"), 409, "mentor-training-already-finished", "/subject");
    }

    @Test
    void secondWithdrawalIs409() {
        String ref = inTraining();
        accepted(withdrew(ref, "2022-05-20"));
        assertRuleBroken(withdrew(ref, "2022-05-21"), 409, "mentor-training-already-finished", "/subject");
    }

    @Test
    void withdrawalAfterGraduationAndGraduationAfterWithdrawalAre409() {
        String graduate = inTraining();
        accepted(graduated(graduate, "2022-07-01"));
        assertRuleBroken(withdrew(graduate, "2022-07-02"), 409, "mentor-training-already-finished", "/subject");
        String leaver = inTraining();
        accepted(withdrew(leaver, "2022-05-20"));
        assertRuleBroken(graduated(leaver, "2022-07-01"), 409, "mentor-training-already-finished", "/subject");
    }

    @Test
    void graduationBeforeTheStartIs422() {
        String ref = inTraining();
        assertRuleBroken(graduated(ref, "2022-04-03"), 422, "mentor-finished-not-before-start", "/data/graduatedOn");
    }

    @Test
    void withdrawalBeforeTheStartIs422() {
        String ref = inTraining();
        assertRuleBroken(withdrew(ref, "2022-01-10"), 422, "mentor-finished-not-before-start", "/data/withdrewOn");
    }

    // ---- applications and hires ----

    @Test
    void repeatedApplicationIdIs409() {
        String ref = newCandidate();
        accepted(submitted(ref, "APP-1", "entry", "2023-01-16"));
        assertRuleBroken(submitted(ref, "APP-1", "intermediate", "2023-02-01"), 409, "application-submitted-once",
                "/data/applicationId");
    }

    @Test
    void hireWithoutAnApplicationIs422() {
        String ref = newCandidate();
        accepted(submitted(ref, "APP-1", "entry", "2023-01-16"));
        assertRuleBroken(hired(ref, "APP-9", "entry", "2023-02-20", "2023-03-13"), 422, "application-required",
                "/data/applicationId");
    }

    @Test
    void hireOnAnotherCandidatesApplicationIs422() {
        String applicant = newCandidate();
        accepted(submitted(applicant, "APP-OTHER", "entry", "2023-01-16"));
        assertRuleBroken(hired(newCandidate(), "APP-OTHER", "entry", "2023-02-20", "2023-03-13"), 422,
                "application-required", "/data/applicationId");
    }

    @Test
    void secondHireOnTheSameApplicationIs409() {
        String ref = employee();
        assertRuleBroken(hired(ref, "APP-1", "entry", "2023-02-20", "2023-03-13"), 409, "candidate-hired-once",
                "/data/applicationId");
    }

    @Test
    void hireWhileEmployedIs409() {
        String ref = employee();
        accepted(submitted(ref, "APP-2", "managerial", "2023-04-03"));
        assertRuleBroken(hired(ref, "APP-2", "managerial", "2023-05-02", "2023-05-15"), 409, "employee-already-hired",
                "/subject");
    }

    @Test
    void appointmentBeforeTheSubmissionIs422() {
        String ref = newCandidate();
        accepted(submitted(ref, "APP-1", "entry", "2023-01-16"));
        assertRuleBroken(hired(ref, "APP-1", "entry", "2023-01-15", "2023-03-13"), 422,
                "appointment-not-before-submission", "/data/appointedOn");
    }

    @Test
    void startBeforeTheAppointmentIs422() {
        String ref = newCandidate();
        accepted(submitted(ref, "APP-1", "entry", "2023-01-16"));
        assertRuleBroken(hired(ref, "APP-1", "entry", "2023-02-20", "2023-02-17"), 422,
                "start-not-before-appointment", "/data/startedOn");
    }

    @Test
    void rehireStartingOnOrBeforeTheLastDayIs422AndLaterIsAccepted() {
        String ref = employee();
        accepted(left(ref, "2023-06-30"));
        accepted(submitted(ref, "APP-2", "entry", "2023-06-01"));
        assertRuleBroken(hired(ref, "APP-2", "entry", "2023-06-12", "2023-06-30"), 422, "rehire-after-leaving",
                "/data/startedOn");
        accepted(hired(ref, "APP-2", "entry", "2023-06-12", "2023-07-03"));
        accepted(promoted(ref, "intermediate", "2023-10-02")); // the new spell is an employee again
    }

    // ---- employees ----

    @Test
    void promotionOfSomeoneNeverHiredIs422() {
        String ref = newCandidate();
        accepted(submitted(ref, "APP-1", "entry", "2023-01-16"));
        assertRuleBroken(promoted(ref, "intermediate", "2023-06-01"), 422, "employee-required", "/subject");
    }

    @Test
    void leavingOfSomeoneNeverHiredIs422() {
        assertRuleBroken(left(inTraining(), "2023-06-01"), 422, "employee-required", "/subject");
    }

    @Test
    void sicknessOfSomeoneNeverHiredIs422() {
        assertRuleBroken(sickness(newCandidate(), "2023-06-01", 2), 422, "employee-required", "/subject");
    }

    @Test
    void promotionOfALeaverIs422() {
        String ref = employee();
        accepted(left(ref, "2023-06-30"));
        assertRuleBroken(promoted(ref, "intermediate", "2023-06-01"), 422, "employee-has-left", "/data/promotedOn");
    }

    @Test
    void sicknessAfterTheLeavingDayIs422ButOnOrBeforeItIsAccepted() {
        String ref = employee();
        accepted(left(ref, "2023-06-30"));
        assertRuleBroken(sickness(ref, "2023-07-03", 1), 422, "employee-has-left", "/data/firstDay");
        accepted(sickness(ref, "2023-06-30", 1));
        accepted(sickness(ref, "2023-05-02", 4));
    }

    @Test
    void promotionToTheSameLevelIs422() {
        String ref = employee();
        assertRuleBroken(promoted(ref, "entry", "2023-06-01"), 422, "promotion-goes-up", "/data/level");
    }

    @Test
    void promotionDownFromThePromotedLevelIs422() {
        String ref = employee();
        accepted(promoted(ref, "managerial", "2023-06-01"));
        assertRuleBroken(promoted(ref, "intermediate", "2023-09-01"), 422, "promotion-goes-up", "/data/level");
    }

    @Test
    void promotionFromTheHiresLevelMustGoUp() {
        String ref = newCandidate();
        accepted(submitted(ref, "APP-1", "managerial", "2023-01-16"));
        accepted(hired(ref, "APP-1", "managerial", "2023-02-20", "2023-03-13"));
        assertRuleBroken(promoted(ref, "managerial", "2023-06-01"), 422, "promotion-goes-up", "/data/level");
    }

    @Test
    void promotionBeforeTheStartIs422() {
        String ref = employee();
        assertRuleBroken(promoted(ref, "intermediate", "2023-03-10"), 422, "promotion-not-before-start",
                "/data/promotedOn");
    }

    @Test
    void promotionBeforeThePreviousPromotionIs422() {
        String ref = employee();
        accepted(promoted(ref, "intermediate", "2023-06-01"));
        assertRuleBroken(promoted(ref, "managerial", "2023-05-31"), 422, "promotion-not-before-previous",
                "/data/promotedOn");
    }

    @Test
    void secondLeavingIs409() {
        String ref = employee();
        accepted(left(ref, "2023-06-30"));
        assertRuleBroken(left(ref, "2023-07-31"), 409, "employee-left-once", "/subject");
    }

    @Test
    void leavingBeforeTheStartIs422() {
        String ref = employee();
        assertRuleBroken(left(ref, "2023-03-12"), 422, "left-not-before-start", "/data/leftOn");
    }

    @Test
    void leavingBeforeTheLastPromotionIs422() {
        String ref = employee();
        accepted(promoted(ref, "intermediate", "2023-06-01"));
        assertRuleBroken(left(ref, "2023-05-31"), 422, "left-not-before-promotion", "/data/leftOn");
    }

    @Test
    void sicknessBeforeTheStartIs422() {
        String ref = employee();
        assertRuleBroken(sickness(ref, "2023-03-10", 2), 422, "sickness-not-before-start", "/data/firstDay");
    }

    @Test
    void sicknessFromTheSameFirstDayIs409() {
        String ref = employee();
        accepted(sickness(ref, "2023-04-03", 3));
        assertRuleBroken(sickness(ref, "2023-04-03", 5), 409, "sickness-recorded-once", "/data/firstDay");
    }

    @Test
    void sicknessDaysOutOfRangeIs400() {
        ObjectNode e = sickness(employee(), "2023-04-03", 367);
        post(e).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("/data/days"));
        assertNotStored(e);
    }

    // ---- batch, operations ----

    @Test
    void batchWithMixedValidAndInvalidEventsAnswersEachInOrder() {
        String ref = newCandidate();
        ObjectNode apply = submitted(ref, "APP-1", "entry", "2023-01-16");
        ObjectNode promoteTooEarly = promoted(ref, "intermediate", "2023-06-01");
        ObjectNode hire = hired(ref, "APP-1", "entry", "2023-02-20", "2023-03-13");
        ObjectNode badLevel = promoted(ref, "senior", "2023-06-01");
        ObjectNode sideways = promoted(ref, "entry", "2023-06-01");
        ObjectNode promote = promoted(ref, "intermediate", "2023-06-01");
        ObjectNode leave = left(ref, "2023-11-30");
        ObjectNode leaveAgain = left(ref, "2023-12-01");
        List<ObjectNode> batch = List.of(apply, promoteTooEarly, hire, badLevel, sideways, promote, leave, leaveAgain,
                hire);
        given().contentType("application/cloudevents-batch+json").body(CloudEvents.batch(batch))
                .when().post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(4)).body("rejected", equalTo(4)).body("duplicates", equalTo(1))
                .body("results.outcome", equalTo(List.of("accepted", "rejected", "accepted", "rejected", "rejected",
                        "accepted", "accepted", "rejected", "duplicate")))
                .body("results[1].problem.status", equalTo(422))
                .body("results[1].problem.rule", equalTo("employee-required"))
                .body("results[3].problem.status", equalTo(400))
                .body("results[3].problem.errors[0].field", equalTo("/data/level"))
                .body("results[4].problem.status", equalTo(422))
                .body("results[4].problem.rule", equalTo("promotion-goes-up"))
                .body("results[5].streamVersion", equalTo(3))
                .body("results[7].problem.status", equalTo(409))
                .body("results[7].problem.rule", equalTo("employee-left-once"))
                .body("results[8].streamVersion", equalTo(2));
        for (ObjectNode rejected : List.of(promoteTooEarly, badLevel, sideways, leaveAgain)) {
            assertNotStored(rejected);
        }
        given().when().get("/v1/people/" + ref + "/events").then().statusCode(200)
                .body("count", equalTo(4))
                .body("events.type", equalTo(List.of(SUBMITTED, HIRED, PROMOTED, LEFT)));
    }

    @Test
    void healthAndMetricsAnswer() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("ete_ingest_events_total"))
                .body(containsString("type=\"" + SICKNESS + "\""))
                .body(containsString("ete_outbox_backlog"));
    }

    @Test
    void openApiDescribesTheService() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("ETE peer-mentor service (the Academy)"))
                .body("paths", hasKey("/v1/events"));
    }
}
