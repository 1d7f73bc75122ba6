package org.ete.e2e;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.restassured.path.json.JsonPath;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.ete.e2e.PartnerEvents.JSON;
import static org.ete.e2e.PartnerEvents.data;
import static org.ete.testsupport.AuthorizedRequests.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every hot path of the platform is an index hit, not a collection scan: ingest (batch, single events, a partner's
 * retry), the relay, the read side, the projection (live and a rebuild), every view and export, the audit and an
 * erasure, on the packaged services. A scan costs the whole collection per call: a rebuild whose compare-and-set
 * scanned ran at 17 events/s at 35,000 events and would never finish at a million people.
 * <p>
 * The embedded server has no {@code explain}; it records every filtered scan (deploy/local-infra
 * {@code CollectionScans}), and this test reads that ledger for its own databases. The only scans allowed are listed
 * in {@link #ALLOWED} with the reason each is not on a hot path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HotPathIndexIT {
    static final String FROM = "2012-05-01", TO = "2012-05-31", AS_OF = "2014-01-01";
    static final int PEOPLE = 24, BATCHED = 16;
    static final List<String> PRODUCERS = List.of("referral-service", "training-service", "employment-service",
            "peer-mentor-service");
    /**
     * Filtered scans that are not on a hot path (collection, filter shape), each with why. Anything else in the
     * ledger fails the test.
     */
    static final Map<String, String> ALLOWED = Map.of(
            "events {\"publishedAt\" : \"?\"}", "the relay's outbox sweep, at start and once a minute, not per "
                    + "event; MongoDB answers it from the published_at index, the embedded server has unique ones only",
            "erasures {\"publishedAt\" : \"?\"}", "the erasure publisher's sweep over the erased people, once a minute",
            "events {\"stream\" : \"?\"}", "an erasure deleting the person's events, once per erasure and service; "
                    + "MongoDB answers it from the stream_version index's prefix",
            "dead_letters {\"key\" : \"?\"}", "an erasure deleting the person's dead letters, once per erasure",
            "events {\"streamVersion\" : {\"$exists\" : \"?\"}}", "once at start: events stored before the "
                    + "single-field stream key existed are given it (EventStore)");

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final PartnerEvents events = new PartnerEvents("urn:ete:test:hot-path");
    final List<String> crns = new ArrayList<>();
    Platform platform;

    @BeforeAll
    void start() throws Exception {
        platform = new Platform(run);
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void noHotPathIsACollectionScan() {
        int base = ThreadLocalRandom.current().nextInt(100, 9_000) * 100;
        List<Map<String, ArrayNode>> perPerson = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String crn = "H" + String.format("%06d", base + i);
            crns.add(crn);
            perPerson.add(personEvents(crn, i));
        }
        // Batches for most people, one request per event for the rest, then a partner's retries of both kinds.
        for (String producer : PRODUCERS) {
            ArrayNode batch = JSON.createArrayNode();
            perPerson.subList(0, BATCHED).forEach(p -> batch.addAll(p.get(producer)));
            PartnerEvents.post(platform.url(producer), batch);
            JsonPath again = given().contentType("application/cloudevents-batch+json").body(batch.toString())
                    .post(platform.url(producer) + "/v1/events").then().statusCode(200).extract().jsonPath();
            assertEquals(batch.size(), again.getInt("duplicates"), again.prettify());
        }
        for (Map<String, ArrayNode> p : perPerson.subList(BATCHED, PEOPLE)) {
            for (String producer : PRODUCERS) {
                for (var e : p.get(producer)) {
                    given().contentType("application/cloudevents+json").body(e.toString())
                            .post(platform.url(producer) + "/v1/events").then().statusCode(201);
                }
            }
        }
        ObjectNode retry = (ObjectNode) perPerson.get(PEOPLE - 1).get("referral-service").get(0);
        given().contentType("application/cloudevents+json").body(retry.toString())
                .post(platform.url("referral-service") + "/v1/events").then().statusCode(200);
        for (String producer : PRODUCERS) {
            given().get(platform.url(producer) + "/v1/people/" + crns.get(0) + "/events").then().statusCode(200);
        }

        // The live projection, then every view and export.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertEquals(PEOPLE, tookUp()));
        String analysis = platform.url("reoffending-analysis-service");
        String window = "from=" + FROM + "&to=" + TO + "&asOf=" + AS_OF;
        for (String path : List.of("/v1/reoffending?" + window + "&by=team", "/v1/reoffending/alerts?by=team&" + window,
                "/v1/ete/outputs?from=" + FROM + "&to=" + TO + "&by=team",
                "/v1/academy/progression?" + window, "/v1/admin/projections", "/v1/admin/dead-letters",
                "/v1/privacy/audit?limit=10")) {
            given().get(analysis + path).then().statusCode(200);
        }
        given().accept("text/csv").get(analysis + "/v1/reoffending?" + window + "&by=team,gender").then().statusCode(200);

        // A rebuild from offset 0 into a new generation, and the switch.
        int generation = given().post(analysis + "/v1/admin/projections/rebuild").then().statusCode(202)
                .extract().jsonPath().getInt("rebuild.generation");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonPath s = given().get(analysis + "/v1/admin/projections").then().extract().jsonPath();
            assertFalse("failed".equals(s.getString("rebuild.state")), s.prettify());
            assertEquals("done", s.getString("rebuild.state"));
            assertEquals(generation, s.getInt("active.generation"));
        });

        // Live writes into the rebuilt generation: a second job for some people (a compare-and-set on their documents).
        for (int i = 2; i < 8; i++) {
            LocalDate start = LocalDate.parse(FROM).plusDays(i + 2);
            given().contentType("application/cloudevents+json").body(events.event("ete.employment.job-started.v1",
                            crns.get(i), data("jobId", "J2", "sector", "retail", "employer", "Shops",
                                    "hoursPerWeek", 20, "startedOn", start.toString())).toString())
                    .post(platform.url("employment-service") + "/v1/events").then().statusCode(201);
        }
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertEquals(PEOPLE + 6, jobs()));

        // An erasure through one service reaches the others and the analysis.
        given().contentType("application/json").body("{\"caseReference\": \"" + crns.get(1) + "\"}")
                .post(platform.url("training-service") + "/v1/privacy/erasures").then().statusCode(202);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertEquals(PEOPLE - 1, tookUp()));

        List<String> scans = scansOfThisRun().stream()
                .filter(s -> !ALLOWED.containsKey(s.getString("ns").replaceFirst("^[^.]*\\.", "") + " "
                        + s.getString("filter")))
                .map(s -> s.getString("ns") + " " + s.getString("filter") + " x" + s.get("count"))
                .collect(Collectors.toList());
        assertEquals(List.of(), scans, "collection scans on hot paths (collection, filter shape, times)");
    }

    private long tookUp() {
        return given().get(platform.url("reoffending-analysis-service") + "/v1/ete/outputs?from=" + FROM + "&to=" + TO)
                .then().statusCode(200).extract().jsonPath().getLong("tookUp");
    }

    private long jobs() {
        return given().get(platform.url("reoffending-analysis-service") + "/v1/ete/outputs?from=" + FROM + "&to=" + TO)
                .then().statusCode(200).extract().jsonPath().getLong("jobsStarted.total.jobs");
    }

    /** The embedded server's scan ledger, for the databases of this test's services only. */
    private List<Document> scansOfThisRun() {
        List<String> databases = Platform.SERVICES.stream().map(s -> s.replace("-service", "") + "-e2e-" + run + ".")
                .toList();
        try (MongoClient mongo = MongoClients.create(platform.infra.mongoUri())) {
            MongoDatabase admin = mongo.getDatabase("scans");
            return admin.runCommand(new Document("localInfraCollectionScans", 1)).getList("scans", Document.class)
                    .stream().filter(s -> databases.stream().anyMatch(s.getString("ns")::startsWith)).toList();
        }
    }

    /** One person's events by producing service: referral, take-up, a reconviction, a course, a job, an application. */
    private Map<String, ArrayNode> personEvents(String crn, int i) {
        LocalDate takeUp = LocalDate.parse(FROM).plusDays(i);
        ArrayNode referral = JSON.createArrayNode(), training = JSON.createArrayNode(),
                employment = JSON.createArrayNode(), academy = JSON.createArrayNode();
        double percent = 20 + i;
        referral.add(events.event("ete.referral.received.v1", crn, data("referralDate", takeUp.minusDays(7).toString(),
                "setting", "community", "contractArea", "SWM", "region", "West Midlands",
                "team", i % 2 == 0 ? "Hot Path East" : "Hot Path West", "office", "Birmingham",
                "gender", i % 3 == 0 ? "female" : "male", "dateOfBirth", "1985-06-0" + (1 + i % 9),
                "ethnicity", "white", "disability", "no", "offenceCategory", "burglary-other",
                "ogrs3OneYearPercent", percent, "ogrs3TwoYearPercent", percent + 10)));
        referral.add(events.event("ete.referral.service-taken-up.v1", crn, data("takenUpOn", takeUp.toString())));
        if (i % 4 == 0) {
            referral.add(events.event("ete.referral.reconviction-recorded.v1", crn, data("offenceDate",
                    takeUp.plusDays(90).toString(), "sentenceDate", takeUp.plusDays(180).toString(),
                    "offenceCategory", "burglary-other")));
        }
        training.add(events.event("ete.training.course-started.v1", crn, data("courseId", "C1",
                "qualification", "cscs", "provider", "Skills Ltd", "startedOn", takeUp.toString())));
        training.add(events.event("ete.training.course-completed.v1", crn, data("courseId", "C1",
                "completedOn", takeUp.plusDays(3).toString(), "achieved", true)));
        employment.add(events.event("ete.employment.job-started.v1", crn, data("jobId", "J1", "sector", "construction",
                "employer", "Builders", "hoursPerWeek", 35, "startedOn", takeUp.plusDays(1).toString())));
        employment.add(events.event("ete.employment.job-sustained.v1", crn, data("jobId", "J1",
                "sustainedOn", takeUp.plusDays(92).toString())));
        academy.add(events.event("ete.academy.application-submitted.v1", crn, data("applicationId", "A" + i,
                "role", "peer mentor", "level", "entry", "livedExperience", i % 2 == 0, "route", "academy",
                "submittedOn", takeUp.plusDays(1).toString())));
        return Map.of("referral-service", referral, "training-service", training, "employment-service", employment,
                "peer-mentor-service", academy);
    }
}
