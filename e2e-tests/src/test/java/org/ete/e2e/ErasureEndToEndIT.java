package org.ete.e2e;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.bson.Document;
import org.ete.testsupport.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.awaitility.Awaitility.await;
import static org.ete.e2e.PartnerEvents.JSON;
import static org.ete.e2e.PartnerEvents.data;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Erasure of a person end to end, with the five packaged services: people with events in all four producing services,
 * one erased through one service (the training service: any producer will do), then proven gone from every store,
 * from the analysis and from every aggregate (each changes by exactly that person's contribution, computed here from
 * what was posted), kept gone after a rebuild from offset 0, refused at the door on a retry, and the erasure record
 * holds no case reference. People take up in February 2014, a window no other test uses; 24 of them, so no group of
 * the figures read falls under the disclosure threshold of 10, before or after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErasureEndToEndIT {
    static final String FROM = "2014-02-01", TO = "2014-02-28", AS_OF = "2016-01-01";
    static final int PEOPLE = 24;
    static final List<String> PRODUCERS = List.of("referral-service", "training-service", "employment-service",
            "peer-mentor-service");

    Platform platform;
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final PartnerEvents events = new PartnerEvents("urn:ete:e2e-erasure:" + run);
    final List<String> crns = new ArrayList<>();
    final List<ObjectNode> referralOfErased = new ArrayList<>();
    /** Per person: reoffended, found work, sustained, predicted probability, lived experience. */
    final boolean[] reoffends = new boolean[PEOPLE], works = new boolean[PEOPLE], sustains = new boolean[PEOPLE],
            lived = new boolean[PEOPLE];
    final double[] p = new double[PEOPLE];
    /** The erased person: person 0, who has a reconviction, a sustained job, a course and an application. */
    static final int ERASED = 0;

    @BeforeAll
    void startAndPost() throws Exception {
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        platform = new Platform(run);
        int base = ThreadLocalRandom.current().nextInt(100, 9_000) * 100; // CRNs of this run only
        ArrayNode referral = JSON.createArrayNode(), training = JSON.createArrayNode(),
                employment = JSON.createArrayNode(), academy = JSON.createArrayNode();
        for (int i = 0; i < PEOPLE; i++) {
            String crn = "Q" + String.format("%06d", base + i);
            crns.add(crn);
            LocalDate takeUp = LocalDate.parse(FROM).plusDays(i);
            double percent = 20 + (i % 7) * 5 + i / 10.0;
            p[i] = percent / 100;
            ObjectNode received = events.event("ete.referral.received.v1", crn, data(
                    "referralDate", takeUp.minusDays(7).toString(),
                    "setting", "community", "contractArea", "SWM", "region", "West Midlands",
                    "team", i % 2 == 0 ? "Erasure East" : "Erasure West", "office", "Birmingham",
                    "gender", i % 3 == 0 ? "female" : "male", "dateOfBirth", "1985-06-0" + (1 + i % 9),
                    "ethnicity", "white", "disability", "no",
                    "offenceCategory", "burglary-other", "ogrs3OneYearPercent", percent,
                    "ogrs3TwoYearPercent", percent + 10));
            referral.add(received);
            if (i == ERASED) {
                referralOfErased.add(received);
            }
            referral.add(events.event("ete.referral.service-taken-up.v1", crn, data("takenUpOn", takeUp.toString())));
            reoffends[i] = i % 4 == 0;
            if (reoffends[i]) {
                referral.add(events.event("ete.referral.reconviction-recorded.v1", crn, data("offenceDate",
                        takeUp.plusDays(90).toString(), "sentenceDate", takeUp.plusDays(180).toString(),
                        "offenceCategory", "burglary-other")));
            }
            training.add(events.event("ete.training.course-started.v1", crn, data("courseId", "C1",
                    "qualification", "cscs", "provider", "Skills Ltd", "startedOn", takeUp.toString())));
            training.add(events.event("ete.training.course-completed.v1", crn, data("courseId", "C1",
                    "completedOn", takeUp.plusDays(3).toString(), "achieved", true))); // in the window
            works[i] = i < 14;
            sustains[i] = i < 10;
            if (works[i]) {
                LocalDate start = takeUp.plusDays(1); // in the window (jobs started are counted by start date)
                employment.add(events.event("ete.employment.job-started.v1", crn, data("jobId", "J1",
                        "sector", "construction", "employer", "Builders", "hoursPerWeek", 35,
                        "startedOn", start.toString())));
                if (sustains[i]) {
                    employment.add(events.event("ete.employment.job-sustained.v1", crn, data("jobId", "J1",
                            "sustainedOn", start.plusDays(91).toString())));
                }
            }
            lived[i] = i % 2 == 0;
            // The Academy's subject is an HR candidate reference; a CRN is one too, so this is the same person.
            academy.add(events.event("ete.academy.application-submitted.v1", crn, data("applicationId", "A" + i,
                    "role", "peer mentor", "level", "entry", "livedExperience", lived[i], "route", "academy",
                    "submittedOn", takeUp.plusDays(1).toString())));
        }
        PartnerEvents.post(platform.url("referral-service"), referral);
        PartnerEvents.post(platform.url("training-service"), training);
        PartnerEvents.post(platform.url("employment-service"), employment);
        PartnerEvents.post(platform.url("peer-mentor-service"), academy);
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    /** What the views answer for the window, read as numbers. */
    record Figures(long tookUp, long foundWork, long sustained, long matured, long reoffended, double predictedRate,
                   long coursesCompleted, long coursePeople, long jobs, long applications, long applicants,
                   long livedApplicants) {
    }

    /** The figures computed from what was posted, with or without the erased person. */
    Figures expected(boolean withErased) {
        long n = 0, found = 0, sus = 0, re = 0, liv = 0;
        double e = 0;
        for (int i = 0; i < PEOPLE; i++) {
            if (i == ERASED && !withErased) {
                continue;
            }
            n++;
            found += works[i] ? 1 : 0;
            sus += sustains[i] ? 1 : 0;
            re += reoffends[i] ? 1 : 0;
            liv += lived[i] ? 1 : 0;
            e += p[i];
        }
        return new Figures(n, found, sus, n, re, e / n, n, n, found, n, n, liv);
    }

    Figures read() {
        JsonPath ete = getJson("/v1/ete/outputs?from=" + FROM + "&to=" + TO);
        JsonPath reo = getJson("/v1/reoffending?from=" + FROM + "&to=" + TO + "&asOf=" + AS_OF);
        JsonPath aca = getJson("/v1/academy/progression?from=" + FROM + "&to=" + TO + "&asOf=" + AS_OF);
        Object livedPeople = aca.getList("recruitment.rows").stream().map(r -> (Map<?, ?>) r)
                .filter(r -> "yes".equals(String.valueOf(r.get("livedExperience"))) || Boolean.TRUE.equals(r.get("livedExperience"))
                        || "true".equals(String.valueOf(r.get("livedExperience"))))
                .map(r -> r.get("people")).findFirst().orElse(null);
        return new Figures(ete.getLong("tookUp"), ete.getLong("foundWork"), ete.getLong("sustained"),
                reo.getLong("total.matured"), reo.getLong("total.reoffended"), reo.getDouble("total.predictedRate"),
                ete.getLong("coursesCompleted.total.completed"), ete.getLong("coursesCompleted.total.people"),
                ete.getLong("jobsStarted.total.jobs"), aca.getLong("recruitment.total.applications"),
                aca.getLong("recruitment.total.people"), livedPeople == null ? -1 : ((Number) livedPeople).longValue());
    }

    static void assertFigures(Figures want, Figures got) {
        assertEquals(want.tookUp(), got.tookUp(), "tookUp " + got);
        assertEquals(want.foundWork(), got.foundWork(), "foundWork " + got);
        assertEquals(want.sustained(), got.sustained(), "sustained " + got);
        assertEquals(want.matured(), got.matured(), "matured " + got);
        assertEquals(want.reoffended(), got.reoffended(), "reoffended " + got);
        assertEquals(want.predictedRate(), got.predictedRate(), 1e-9, "predictedRate " + got);
        assertEquals(want.coursesCompleted(), got.coursesCompleted(), "courses " + got);
        assertEquals(want.coursePeople(), got.coursePeople(), "course people " + got);
        assertEquals(want.jobs(), got.jobs(), "jobs " + got);
        assertEquals(want.applications(), got.applications(), "applications " + got);
        assertEquals(want.applicants(), got.applicants(), "applicants " + got);
        assertEquals(want.livedApplicants(), got.livedApplicants(), "lived-experience applicants " + got);
    }

    @Test
    void anErasedPersonIsGoneFromEveryStoreAndAggregateAndStaysGoneAfterARebuild() throws Exception {
        String crn = crns.get(ERASED);
        String personId = personId(crn);
        Figures before = expected(true);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertFigures(before, read()));
        for (String s : PRODUCERS) {
            assertTrue(given().get(platform.url(s) + "/v1/people/" + crn + "/events").then().statusCode(200)
                    .extract().jsonPath().getInt("count") > 0, s);
        }

        // Erase through one producing service; a repeat answers the same erasure.
        String training = platform.url("training-service");
        given().contentType("application/json").body("{\"caseReference\": 42}").post(training + "/v1/privacy/erasures")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("/caseReference"));
        JsonPath erased = given().contentType("application/json").body("{\"caseReference\": \"" + crn + "\"}")
                .post(training + "/v1/privacy/erasures").then().statusCode(202).extract().jsonPath();
        String erasureId = erased.getString("erasureId");
        assertNotNull(erasureId);
        assertFalse(erased.prettify().contains(crn));
        given().contentType("application/json").body("{\"caseReference\": \"" + crn + "\"}")
                .post(training + "/v1/privacy/erasures").then().statusCode(200).body("erasureId", equalTo(erasureId))
                .body("duplicate", equalTo(true));

        // Gone from every producing service's store...
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            for (String s : PRODUCERS) {
                given().get(platform.url(s) + "/v1/people/" + crn + "/events").then().statusCode(200)
                        .body("count", equalTo(0));
            }
        });
        // ...from the analysis, and every aggregate lost exactly that person's contribution.
        Figures after = expected(false);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertFigures(after, read()));
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertNoTraces(crn, personId, erasureId));

        // A partner's retry of an event sent before the erasure is refused, not stored as new.
        given().contentType("application/cloudevents+json").body(referralOfErased.get(0).toString())
                .post(platform.url("referral-service") + "/v1/events").then().statusCode(409)
                .contentType("application/problem+json").body("type", containsString("person-erased"));

        // A rebuild from offset 0 replays the person's events from the topics and skips them all.
        String analysis = platform.url("reoffending-analysis-service");
        int generation = given().post(analysis + "/v1/admin/projections/rebuild").then().statusCode(202)
                .extract().jsonPath().getInt("rebuild.generation");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonPath s = getJson("/v1/admin/projections");
            assertFalse("failed".equals(s.getString("rebuild.state")), s.prettify());
            assertEquals("done", s.getString("rebuild.state"));
            assertEquals(generation, s.getInt("active.generation"));
        });
        assertFigures(after, read());
        assertNoTraces(crn, personId, erasureId);
    }

    /**
     * No document of any service's database names the person, but the erasure ledgers (which must, to honour the
     * erasure), and none anywhere holds the case reference; the ledger entry has the erasure's id and no reference.
     */
    void assertNoTraces(String crn, String personId, String erasureId) {
        try (MongoClient mongo = MongoClients.create(platform.infra.mongoUri())) {
            for (String service : Platform.SERVICES) {
                MongoDatabase db = mongo.getDatabase(service.replace("-service", "") + "-e2e-" + run);
                List<String> collections = db.listCollectionNames().into(new ArrayList<>());
                assertTrue(collections.contains("erasures"), service + " has its erasure ledger: " + collections);
                for (String c : collections) {
                    for (Document d : db.getCollection(c).find()) {
                        String json = d.toJson();
                        assertFalse(json.contains(crn), service + "." + c + " holds the case reference: " + json);
                        if (c.equals("erasures") && personId.equals(d.getString("_id"))) {
                            assertTrue(d.containsKey("erasureId") && d.containsKey("erasedAt"), json);
                            if (service.equals("training-service")) {
                                assertEquals(erasureId, d.getString("erasureId"), json);
                            }
                            continue;
                        }
                        assertFalse(json.contains(personId), service + "." + c + " still names the person: " + json);
                    }
                }
                assertEquals(1, db.getCollection("erasures").countDocuments(new Document("_id", personId)),
                        service + " recorded the erasure");
            }
        }
    }

    /** The person id as the producing services compute it (HMAC-SHA-256 under the test key), to scan for it. */
    static String personId(String caseReference) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ServiceProcess.TEST_PSEUDONYMISATION_KEY.getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(caseReference.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonPath getJson(String path) {
        return given().when().get(platform.url("reoffending-analysis-service") + path).then().statusCode(200)
                .extract().jsonPath();
    }
}
