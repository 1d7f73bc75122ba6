package org.ete.referral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.ete.contracts.Gender;
import org.ete.contracts.OffenceCategory;
import org.ete.contracts.Ogrs3;
import org.ete.eventkit.store.EventStore;
import org.ete.eventkit.store.StoredEvent;
import org.ete.eventkit.testkit.CloudEvents;
import org.ete.eventkit.testkit.TopicProbe;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.awaitility.Awaitility.await;
import static org.ete.eventkit.testkit.CloudEvents.data;
import static org.ete.eventkit.testkit.CloudEvents.event;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Every referral rule broken once through HTTP (status, problem+json, rule, field, nothing stored), the happy paths
 * of release and reconviction, and the OGRS3 score stored beside a referral and published as the CloudEvent extension
 * {@code derived} and, computed from factors, in the data as {@code ogrs3Computed} with its coefficient version.
 */
@QuarkusTest
@WithTestResource(PlatformInfraResource.class)
class ReferralRulesIT {
    @Inject
    EventStore store;

    static final String CE = "application/cloudevents+json";
    static final String TOPIC = "referral.events.v1";

    // ---- events ----

    static ObjectNode referral(String crn, String on) {
        return event("ete.referral.received.v1", crn, data(
                "referralDate", on, "setting", "custody", "contractArea", "SWM", "region", "West Midlands",
                "team", "Birmingham Custody In-Reach", "office", "HMP Birmingham", "gender", "female",
                "dateOfBirth", "1987-01-23", "ethnicity", "black", "offenceCategory", "theft-non-motor",
                "ogrs3OneYearPercent", 41.7, "ogrs3TwoYearPercent", 58.2));
    }

    static ObjectNode referralWithFactors(String crn, String on, int sanctions, int first, int current) {
        ObjectNode e = referral(crn, on);
        ObjectNode d = (ObjectNode) e.get("data");
        d.remove("ogrs3OneYearPercent");
        d.remove("ogrs3TwoYearPercent");
        d.set("ogrs3Factors", data("sanctions", sanctions, "ageAtFirstSanction", first, "ageAtCurrentConviction", current));
        return e;
    }

    static ObjectNode takeUp(String crn, String on) {
        return event("ete.referral.service-taken-up.v1", crn, data("takenUpOn", on));
    }

    static ObjectNode release(String crn, String on) {
        return event("ete.referral.released-from-custody.v1", crn, data("releasedOn", on));
    }

    static ObjectNode reconviction(String crn, String offenceDate, String sentenceDate) {
        return event("ete.referral.reconviction-recorded.v1", crn,
                data("offenceDate", offenceDate, "sentenceDate", sentenceDate, "offenceCategory", "criminal-damage"));
    }

    static ObjectNode closure(String crn, String on) {
        return event("ete.referral.closed.v1", crn, data("closedOn", on, "reason", "Order completed"));
    }

    // ---- HTTP ----

    static Response post(ObjectNode body) {
        return given().contentType(CE).body(body.toString()).when().post("/v1/events");
    }

    static void accepted(ObjectNode e, int streamVersion) {
        post(e).then().statusCode(201).body("outcome", equalTo("accepted")).body("streamVersion", equalTo(streamVersion));
    }

    /** The event is refused with this status and rule, naming the field, and nothing was stored. */
    static void refused(ObjectNode e, int status, String rule, String field) {
        post(e).then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("rule", equalTo(rule))
                .body("type", equalTo("https://ete.example/problems/rule/" + rule))
                .body("errors.field", hasItem(field))
                .body("errors.rule", hasItem(rule));
        given().queryParam("source", e.get("source").asText()).queryParam("id", e.get("id").asText())
                .when().get("/v1/events").then().statusCode(404).contentType("application/problem+json");
    }

    static void personHasEvents(String crn, int count) {
        given().when().get("/v1/people/" + crn + "/events").then().statusCode(200).body("count", equalTo(count));
    }

    // ---- referral received ----

    @Test
    void secondReferralWhileOneIsOpenIs409() {
        String crn = CloudEvents.newCrn();
        accepted(referral(crn, "2019-05-01"), 1);
        accepted(takeUp(crn, "2019-05-10"), 2);
        refused(referral(crn, "2019-08-01"), 409, "referral-already-open", "/subject");
        personHasEvents(crn, 2);
    }

    @Test
    void referralAfterAClosureIsAcceptedAndCanBeTakenUpAgain() {
        String crn = CloudEvents.newCrn();
        accepted(referral(crn, "2019-05-01"), 1);
        accepted(takeUp(crn, "2019-05-10"), 2);
        accepted(closure(crn, "2019-09-30"), 3);
        accepted(referral(crn, "2020-02-01"), 4);
        accepted(takeUp(crn, "2020-02-03"), 5);
    }

    @Test
    void referralDatedBeforeThePreviousClosureIs422() {
        String crn = CloudEvents.newCrn();
        accepted(referral(crn, "2019-05-01"), 1);
        accepted(closure(crn, "2019-09-30"), 2);
        refused(referral(crn, "2019-09-29"), 422, "referral-not-before-last-closure", "/data/referralDate");
    }

    @Test
    void firstSanctionAfterTheCurrentConvictionIs422() {
        refused(referralWithFactors(CloudEvents.newCrn(), "2019-05-01", 4, 31, 30), 422,
                "first-sanction-not-after-current", "/data/ogrs3Factors/ageAtFirstSanction");
    }

    @Test
    void aSingleSanctionWithAnEarlierFirstSanctionIs422() {
        // sanctions counts the current one, so S = 1 makes it the first: a first sanction at 20 contradicts it
        refused(referralWithFactors(CloudEvents.newCrn(), "2019-05-01", 1, 20, 30), 422,
                "single-sanction-first-is-current", "/data/ogrs3Factors/ageAtFirstSanction");
        accepted(referralWithFactors(CloudEvents.newCrn(), "2019-05-01", 1, 30, 30), 1);
    }

    @Test
    void referralOfAMinorIs422() {
        ObjectNode e = referral(CloudEvents.newCrn(), "2019-05-01");
        ((ObjectNode) e.get("data")).put("dateOfBirth", "2001-05-02");
        refused(e, 422, "adult-at-referral", "/data/dateOfBirth");
    }

    // ---- a referral is required ----

    @Test
    void takeUpReleaseReconvictionAndClosureNeedAReferral() {
        String crn = CloudEvents.newCrn();
        refused(takeUp(crn, "2019-05-10"), 422, "referral-required", "/subject");
        refused(release(crn, "2019-05-10"), 422, "referral-required", "/subject");
        refused(reconviction(crn, "2019-05-10", "2019-06-10"), 422, "referral-required", "/subject");
        refused(closure(crn, "2019-05-10"), 422, "referral-required", "/subject");
        personHasEvents(crn, 0);
    }

    // ---- take-up ----

    @Test
    void takeUpBeforeTheReferralIs422AndOnTheReferralDateIsAccepted() {
        String crn = CloudEvents.newCrn();
        accepted(referral(crn, "2019-05-01"), 1);
        refused(takeUp(crn, "2019-04-30"), 422, "taken-up-not-before-referral", "/data/takenUpOn");
        accepted(takeUp(crn, "2019-05-01"), 2);
    }

    @Test
    void secondTakeUpOfTheSameReferralIs409() {
        String crn = CloudEvents.newCrn();
        accepted(referral(crn, "2019-05-01"), 1);
        accepted(takeUp(crn, "2019-05-10"), 2);
        refused(takeUp(crn, "2019-05-11"), 409, "service-already-taken-up", "/subject");
    }

    @Test
    void takeUpAfterAClosureIsAcceptedOnlyIfDatedOnOrBeforeIt() {
        String crn = CloudEvents.newCrn();
        accepted(referral(crn, "2019-05-01"), 1);
        accepted(closure(crn, "2019-06-30"), 2);
        refused(takeUp(crn, "2019-07-01"), 422, "taken-up-not-after-closure", "/data/takenUpOn");
        accepted(takeUp(crn, "2019-06-30"), 3); // recorded late, but within the referral
    }

    // ---- reconviction ----

    @Test
    void reconvictionWithTheOffenceAfterTheSentenceIs422() {
        String crn = CloudEvents.newCrn();
        accepted(referral(crn, "2019-05-01"), 1);
        refused(reconviction(crn, "2020-03-02", "2020-03-01"), 422, "offence-not-after-sentence", "/data/offenceDate");
    }

    // ---- closure ----

    @Test
    void secondClosureIs409() {
        String crn = CloudEvents.newCrn();
        accepted(referral(crn, "2019-05-01"), 1);
        accepted(closure(crn, "2019-09-30"), 2);
        refused(closure(crn, "2019-10-01"), 409, "referral-already-closed", "/subject");
    }

    @Test
    void closureBeforeTheReferralOrTheTakeUpIs422() {
        String crn = CloudEvents.newCrn();
        accepted(referral(crn, "2019-05-01"), 1);
        refused(closure(crn, "2019-04-30"), 422, "closed-not-before-referral", "/data/closedOn");
        accepted(takeUp(crn, "2019-05-20"), 2);
        refused(closure(crn, "2019-05-19"), 422, "closed-not-before-take-up", "/data/closedOn");
        accepted(closure(crn, "2019-05-20"), 3);
    }

    // ---- happy paths ----

    @Test
    void releaseAndReconvictionAreRecordedAndPublished() {
        String crn = CloudEvents.newCrn();
        accepted(referral(crn, "2019-05-01"), 1);
        accepted(takeUp(crn, "2019-05-10"), 2);
        ObjectNode release = release(crn, "2019-07-15");
        accepted(release, 3);
        accepted(closure(crn, "2019-12-31"), 4);
        ObjectNode laterRelease = release(crn, "2020-02-01"); // after the closure: still a fact about the person
        accepted(laterRelease, 5);
        ObjectNode reconviction = reconviction(crn, "2020-03-01", "2020-03-01"); // same day: allowed
        accepted(reconviction, 6);

        given().when().get("/v1/people/" + crn + "/events").then().statusCode(200)
                .body("count", equalTo(6))
                .body("events[2].type", equalTo("ete.referral.released-from-custody.v1"))
                .body("events[2].occurredAt", equalTo("2019-07-15"))
                .body("events[5].type", equalTo("ete.referral.reconviction-recorded.v1"))
                .body("events[5].occurredAt", equalTo("2020-03-01"))
                .body("events[5].data.offenceCategory", equalTo("criminal-damage"));

        String bootstrap = PlatformInfra.start().kafkaBootstrapServers();
        List<String> ids = List.of(release.get("id").asText(), laterRelease.get("id").asText(),
                reconviction.get("id").asText());
        await().untilAsserted(() -> {
            List<TopicProbe.Published> published = TopicProbe.readAll(bootstrap, TOPIC, p -> ids.contains(p.id()));
            assertEquals(3, published.size());
            assertEquals(ids, published.stream().map(TopicProbe.Published::id).toList(), "per-person order kept");
            published.forEach(p -> {
                assertEquals(p.key(), p.subject());
                assertFalse(p.data().contains(crn));
                assertEquals(null, p.header("ce_derived"), "only referrals carry a derived score");
            });
        });
    }

    // ---- OGRS3 ----

    /**
     * The score computed from factors is stored beside the referral with its coefficient version, and published both in
     * {@code ce_derived} and in the data as {@code ogrs3Computed} (published schema version 3), so the analysis uses it
     * as given. Female, 34 on 2021-03-15 (born 1987-01-23; band 30-34), theft (non-motor), S = 5, first at 15, current
     * at 26; in python:
     * <pre>
     * import math
     * eta = -1.129128 + 0.463062792 + 1.251124464 * math.log(min(5, 50) / (10 + 26 - 15)) + 0.661244
     * 1 / (1 + math.exp(-(1.402562384 + eta))), 1 / (1 + math.exp(-(2.121705678 + eta)))
     * # (0.4018582908628405, 0.5796690871434759)
     * </pre>
     */
    @Test
    void aFactorsReferralIsStoredAndPublishedWithItsScoreAndCoefficientVersion() throws Exception {
        ObjectNode referral = referralWithFactors(CloudEvents.newCrn(), "2021-03-15", 5, 15, 26);
        accepted(referral, 1);
        String version = "ogrs3-2026-12-02";

        StoredEvent stored = store.findBySourceAndId(referral.get("source").asText(), referral.get("id").asText())
                .orElseThrow();
        assertEquals(0.4018582908628405, stored.derived().at("/ogrs3/oneYear").doubleValue(), 1e-12);
        assertEquals(0.5796690871434759, stored.derived().at("/ogrs3/twoYear").doubleValue(), 1e-12);
        assertEquals(version, stored.derived().at("/ogrs3/coefficientsVersion").asText());
        assertEquals(referral.get("data"), stored.data(), "the partner's data is stored as sent");

        String id = referral.get("id").asText();
        assertEquals(stored.derived(), publishedDerived(id));
        TopicProbe.Published record = publishedRecord(id);
        assertEquals("3", record.header("ce_schemaversion"));
        JsonNode data = CloudEvents.JSON.readTree(record.data());
        JsonNode computed = data.get("ogrs3Computed");
        assertEquals(stored.derived().at("/ogrs3/oneYear").doubleValue(), computed.get("oneYear").doubleValue(), 0.0,
                "the stored score, unrounded");
        assertEquals(stored.derived().at("/ogrs3/twoYear").doubleValue(), computed.get("twoYear").doubleValue(), 0.0);
        assertEquals(version, computed.get("coefficientsVersion").asText());
        assertEquals(referral.at("/data/ogrs3Factors"), data.get("ogrs3Factors"), "the factors as sent");

        // percentages are published as sent, with no computed score
        ObjectNode given = referral(CloudEvents.newCrn(), "2020-11-02");
        accepted(given, 1);
        assertFalse(CloudEvents.JSON.readTree(publishedRecord(given.get("id").asText()).data()).has("ogrs3Computed"));
    }

    @Test
    void referralWithFactorsIsPublishedWithItsComputedScore() throws Exception {
        String crn = CloudEvents.newCrn();
        ObjectNode referral = referralWithFactors(crn, "2021-03-15", 5, 15, 26);
        accepted(referral, 1);
        Ogrs3.Score expected = Ogrs3.compute(new Ogrs3.Input(Gender.FEMALE, LocalDate.parse("1987-01-23"),
                LocalDate.parse("2021-03-15"), OffenceCategory.THEFT_NON_MOTOR, 5, 15, 26));

        JsonNode ogrs3 = publishedDerived(referral.get("id").asText()).get("ogrs3");
        assertEquals("computed", ogrs3.get("method").asText());
        assertEquals(expected.oneYear(), ogrs3.get("oneYear").doubleValue(), 0.0, "unrounded");
        assertEquals(expected.twoYear(), ogrs3.get("twoYear").doubleValue(), 0.0, "unrounded");
        assertEquals("30-34", ogrs3.get("ageBand").asText());
        assertEquals(34, ogrs3.get("ageAtAssessment").asInt());
        assertEquals(5, ogrs3.at("/inputs/sanctions").asInt());
        assertEquals(15, ogrs3.at("/inputs/ageAtFirstSanction").asInt());
        assertEquals(26, ogrs3.at("/inputs/ageAtCurrentConviction").asInt());
        assertEquals("2021-03-15", ogrs3.at("/inputs/assessmentDate").asText());
    }

    @Test
    void referralWithPercentagesIsPublishedWithTheGivenScore() throws Exception {
        ObjectNode referral = referral(CloudEvents.newCrn(), "2020-11-02");
        accepted(referral, 1);
        JsonNode ogrs3 = publishedDerived(referral.get("id").asText()).get("ogrs3");
        assertEquals("given", ogrs3.get("method").asText());
        assertEquals(41.7 / 100, ogrs3.get("oneYear").doubleValue(), 1e-15);
        assertEquals(58.2 / 100, ogrs3.get("twoYear").doubleValue(), 1e-15);
    }

    /** The one record published for this event id. */
    static TopicProbe.Published publishedRecord(String id) {
        String bootstrap = PlatformInfra.start().kafkaBootstrapServers();
        TopicProbe.Published[] record = new TopicProbe.Published[1];
        await().untilAsserted(() -> {
            List<TopicProbe.Published> published = TopicProbe.readAll(bootstrap, TOPIC, p -> id.equals(p.id()));
            assertEquals(1, published.size());
            record[0] = published.get(0);
        });
        return record[0];
    }

    /** The {@code ce_derived} header of the one record published for this event id, parsed. */
    static JsonNode publishedDerived(String id) throws Exception {
        String bootstrap = PlatformInfra.start().kafkaBootstrapServers();
        String[] header = new String[1];
        await().untilAsserted(() -> {
            List<TopicProbe.Published> published = TopicProbe.readAll(bootstrap, TOPIC, p -> id.equals(p.id()));
            assertEquals(1, published.size());
            header[0] = published.get(0).header("ce_derived");
            assertNotNull(header[0], "ce_derived header");
        });
        return CloudEvents.JSON.readTree(header[0]);
    }
}
