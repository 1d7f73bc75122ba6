package org.ete.e2e;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.awaitility.Awaitility.await;
import static org.ete.e2e.PartnerEvents.JSON;
import static org.ete.e2e.PartnerEvents.data;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The whole platform end to end: events posted to the four producing services over REST (batch mode), published
 * by their outbox relays to Kafka, projected by the analysis service, and read back from every analysis endpoint.
 * Expected figures are computed here from the people this test creates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformEndToEndIT {
    static final String FROM = "2018-05-01", TO = "2018-05-31", AS_OF = "2022-10-01";
    static final int PEOPLE = 30;

    Platform platform;
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final PartnerEvents events = new PartnerEvents("urn:ete:e2e:" + run);
    int reoffenders, foundWork, sustained;
    double expected;

    @BeforeAll
    void startAndPost() throws Exception {
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        platform = new Platform(run);
        ArrayNode referral = JSON.createArrayNode(), training = JSON.createArrayNode(),
                employment = JSON.createArrayNode(), academy = JSON.createArrayNode();
        for (int i = 0; i < PEOPLE; i++) {
            String crn = "E" + String.format("%06d", i);
            LocalDate takeUp = LocalDate.parse(FROM).plusDays(i % 28);
            double percent = 30 + (i % 5) * 5;
            expected += percent / 100;
            referral.add(events.event("ete.referral.received.v1", crn, data(
                    "referralDate", takeUp.minusDays(7).toString(),
                    "setting", "community", "contractArea", "DLNR", "region", "East Midlands",
                    "team", i % 2 == 0 ? "E2E North" : "E2E South", "office", "Nottingham",
                    "gender", "male", "dateOfBirth", "1988-04-04", "ethnicity", "white", "disability", "no",
                    "offenceCategory", "theft-non-motor", "ogrs3OneYearPercent", percent,
                    "ogrs3TwoYearPercent", percent + 10)));
            referral.add(events.event("ete.referral.service-taken-up.v1", crn, data("takenUpOn", takeUp.toString())));
            if (i % 10 < 3) {
                reoffenders++;
                referral.add(events.event("ete.referral.reconviction-recorded.v1", crn, data("offenceDate",
                        takeUp.plusDays(100).toString(), "sentenceDate", takeUp.plusDays(200).toString(),
                        "offenceCategory", "theft-non-motor")));
            }
            training.add(events.event("ete.training.course-started.v1", crn, data("courseId", "C1",
                    "qualification", "cscs", "provider", "Skills Ltd", "startedOn", takeUp.plusDays(3).toString())));
            training.add(events.event("ete.training.course-completed.v1", crn, data("courseId", "C1",
                    "completedOn", takeUp.plusDays(10).toString(), "achieved", true)));
            if (i < 12) {
                foundWork++;
                LocalDate start = takeUp.plusDays(30);
                employment.add(events.event("ete.employment.job-started.v1", crn, data("jobId", "J1",
                        "sector", "warehousing", "employer", "Depot", "hoursPerWeek", 37.5,
                        "startedOn", start.toString())));
                if (i < 8) {
                    sustained++;
                    employment.add(events.event("ete.employment.job-sustained.v1", crn, data("jobId", "J1",
                            "sustainedOn", start.plusDays(91).toString())));
                }
            }
        }
        for (int i = 0; i < 12; i++) {
            String ref = "E2E-CAND-" + i;
            academy.add(events.event("ete.academy.application-submitted.v1", ref, data("applicationId", "A" + i,
                    "role", "peer mentor", "level", "entry", "livedExperience", i < 6, "route", "academy",
                    "submittedOn", "2022-01-10")));
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

    @Test
    void eteOutputsCountTookUpFoundWorkAndSustained() {
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            JsonPath r = getJson("/v1/ete/outputs?from=" + FROM + "&to=" + TO);
            assertEquals(PEOPLE, r.getInt("tookUp"));
            assertEquals(foundWork, r.getInt("foundWork"));
            assertEquals(sustained, r.getInt("sustained"));
            assertEquals((double) foundWork / PEOPLE, r.getDouble("foundWorkRate"), 1e-12);
        });
    }

    @Test
    void reoffendingAgainstPredictionAndItsBreakdownAndCsv() {
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            JsonPath r = getJson("/v1/reoffending?from=" + FROM + "&to=" + TO + "&asOf=" + AS_OF);
            assertEquals(PEOPLE, r.getInt("total.matured"));
            assertEquals(reoffenders, r.getInt("total.reoffended"));
            assertEquals((double) reoffenders / PEOPLE, r.getDouble("total.actualRate"), 1e-12);
            assertEquals(expected / PEOPLE, r.getDouble("total.predictedRate"), 1e-9);
        });
        JsonPath byTeam = getJson("/v1/reoffending?from=" + FROM + "&to=" + TO + "&asOf=" + AS_OF + "&by=team");
        assertEquals(List.of("E2E North", "E2E South"), byTeam.getList("rows.group.team"));
        given().accept("text/csv").when().get(analysis("/v1/reoffending?from=" + FROM + "&to=" + TO + "&asOf=" + AS_OF
                + "&by=team")).then().statusCode(200).body(containsString("E2E North")) // quoted or not
                .body(containsString(",15,15,0,"));
        JsonPath foundWorkFromJob = getJson("/v1/reoffending?cohort=found-work&measuredFrom=job-start&from=" + FROM
                + "&to=" + TO + "&asOf=" + AS_OF);
        assertEquals("job-start", foundWorkFromJob.getString("measuredFrom"));
    }

    @Test
    void alertsAcademyAndAdminAnswer() {
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                assertEquals(PEOPLE, getJson("/v1/ete/outputs?from=" + FROM + "&to=" + TO).getInt("tookUp")));
        given().when().get(analysis("/v1/reoffending/alerts?by=team&asOf=" + AS_OF)).then().statusCode(200);
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                given().when().get(analysis("/v1/academy/progression?asOf=" + AS_OF)).then().statusCode(200)
                        .body(containsString("livedExperience")));
        given().when().get(analysis("/v1/admin/projections")).then().statusCode(200);
        given().when().get(analysis("/v1/admin/dead-letters")).then().statusCode(200);
    }

    @Test
    void noCaseReferenceReachesTheAnalysisSide() {
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                assertEquals(PEOPLE, getJson("/v1/ete/outputs?from=" + FROM + "&to=" + TO).getInt("tookUp")));
        String everything = given().when().get(analysis("/v1/reoffending?by=team&by=gender&asOf=" + AS_OF)).asString()
                + given().when().get(analysis("/v1/academy/progression?asOf=" + AS_OF)).asString();
        assertFalse(everything.contains("E000001") || everything.contains("E2E-CAND-1"), everything);
        given().when().get(platform.url("referral-service") + "/v1/people/E000001/events").then().statusCode(200)
                .body(not(containsString("E000001")));
    }

    private String analysis(String path) {
        return platform.url("reoffending-analysis-service") + path;
    }

    private JsonPath getJson(String path) {
        return given().when().get(analysis(path)).then().statusCode(200).extract().jsonPath();
    }
}
