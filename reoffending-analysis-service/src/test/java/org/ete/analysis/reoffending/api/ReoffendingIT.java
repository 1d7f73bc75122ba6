package org.ete.analysis.reoffending.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.ete.analysis.TopicPublisher;
import org.ete.contracts.EventType;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reoffending against prediction through the real topics and the HTTP API. The expected figures are computed
 * here from the generated people, independently of the production code. The waits ignore the suppressed (null)
 * total a view shows until ten of the people have arrived.
 */
@QuarkusTest
@WithTestResource(PlatformInfraResource.class)
class ReoffendingIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final LocalDate WINDOW_FROM = LocalDate.parse("2018-06-01");
    static final LocalDate WINDOW_TO = LocalDate.parse("2018-06-30");
    static final String AS_OF = "2020-06-01"; // everyone taken up in June 2018 has matured (index + 547 days)

    static int people, reoffenders, northPeople, northReoffenders;
    static double expected, variance;

    static ObjectNode data(Object... kv) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            n.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        }
        return n;
    }

    @BeforeAll
    static void publishCohort() {
        // Read JSON numbers as doubles: the figures are compared to 1e-9, beyond a float's precision.
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().jsonConfig(
                io.restassured.config.JsonConfig.jsonConfig().numberReturnType(
                        io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
        Random random = new Random(7);
        List<TopicPublisher.Sent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String person = String.format("%064x", 0xABC000L + i);
            String team = i < 25 ? "North" : "South";
            double percent = 20 + random.nextInt(40);
            LocalDate takeUp = WINDOW_FROM.plusDays(i % 30);
            events.add(TopicPublisher.event(EventType.REFERRAL_RECEIVED, person, data("referralDate",
                    takeUp.minusDays(10).toString(), "setting", "community", "contractArea", "DLNR", "region", "EM",
                    "team", team, "office", "O", "gender", i % 5 == 0 ? "female" : "male", "dateOfBirth", "1985-01-01",
                    "ethnicity", "white", "offenceCategory", "violence", "ogrs3OneYearPercent", percent,
                    "ogrs3TwoYearPercent", Math.min(99, percent + 10))));
            events.add(TopicPublisher.event(EventType.SERVICE_TAKEN_UP, person, data("takenUpOn", takeUp.toString())));
            boolean reoffends = i % 4 == 0;
            if (reoffends) { // offence inside the year, sentence within 547 days
                events.add(TopicPublisher.event(EventType.RECONVICTION_RECORDED, person, data("offenceDate",
                        takeUp.plusDays(200).toString(), "sentenceDate", takeUp.plusDays(400).toString(),
                        "offenceCategory", "violence")));
            } else if (i % 4 == 1) { // offence after the year: not a proven reoffence in the window
                events.add(TopicPublisher.event(EventType.RECONVICTION_RECORDED, person, data("offenceDate",
                        takeUp.plusDays(366).toString(), "sentenceDate", takeUp.plusDays(380).toString(),
                        "offenceCategory", "violence")));
            } else if (i % 4 == 2) { // sentenced too late (after the 182-day wait)
                events.add(TopicPublisher.event(EventType.RECONVICTION_RECORDED, person, data("offenceDate",
                        takeUp.plusDays(300).toString(), "sentenceDate", takeUp.plusDays(548).toString(),
                        "offenceCategory", "violence")));
            }
            people++;
            expected += percent / 100;
            variance += percent / 100 * (1 - percent / 100);
            if (reoffends) {
                reoffenders++;
            }
            if (team.equals("North")) {
                northPeople++;
                northReoffenders += reoffends ? 1 : 0;
            }
        }
        List<TopicPublisher.Sent> delivered = new ArrayList<>(events);
        delivered.addAll(events.subList(0, 15)); // redeliveries
        Collections.shuffle(delivered, new Random(11));
        TopicPublisher.publishAll(PlatformInfra.start().kafkaBootstrapServers(), delivered);
    }

    static JsonPath report(String... extra) {
        var request = given().queryParam("from", WINDOW_FROM.toString()).queryParam("to", WINDOW_TO.toString())
                .queryParam("asOf", AS_OF);
        for (int i = 0; i < extra.length; i += 2) {
            request = request.queryParam(extra[i], extra[i + 1]);
        }
        return request.when().get("/v1/reoffending").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void totalMatchesIndependentlyComputedFigures() {
        await().ignoreExceptions().untilAsserted(() -> assertEquals(people, report().getInt("total.matured")));
        JsonPath r = report();
        assertEquals(0, r.getInt("total.pending"));
        assertEquals(reoffenders, r.getInt("total.reoffended"));
        double actual = (double) reoffenders / people;
        assertEquals(actual, r.getDouble("total.actualRate"), 1e-12);
        assertEquals(expected / people, r.getDouble("total.predictedRate"), 1e-9);
        assertEquals((actual - expected / people) * 100, r.getDouble("total.differencePoints"), 1e-7);
        assertEquals(expected - reoffenders, r.getDouble("total.fewerReoffended"), 1e-9);
        assertEquals((reoffenders - expected) / Math.sqrt(variance), r.getDouble("total.z"), 1e-9);
        // Wilson 95% written out independently.
        double z = 1.959963984540054, n = people, p = actual;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
        assertEquals(centre - half, r.getDouble("total.actualRateCi95.lower"), 1e-9);
        assertEquals(centre + half, r.getDouble("total.actualRateCi95.upper"), 1e-9);
    }

    @Test
    void beforeMaturityEveryoneIsPendingAndNotCountedAsNonReoffenders() {
        await().ignoreExceptions().untilAsserted(() -> assertEquals(people, report().getInt("total.matured")));
        JsonPath r = given().queryParam("from", WINDOW_FROM.toString()).queryParam("to", WINDOW_TO.toString())
                .queryParam("asOf", "2019-06-01").when().get("/v1/reoffending").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(true, r.getBoolean("total.suppressed"), "0 matured is below the threshold");
    }

    @Test
    void breakdownByTeamAndCsv() {
        await().ignoreExceptions().untilAsserted(() -> assertEquals(people, report().getInt("total.matured")));
        JsonPath r = report("by", "team");
        assertEquals(List.of("North", "South"), r.getList("rows.group.team"));
        assertEquals(northPeople, r.getInt("rows[0].matured"));
        assertEquals(northReoffenders, r.getInt("rows[0].reoffended"));
        given().accept("text/csv").queryParam("from", WINDOW_FROM.toString()).queryParam("to", WINDOW_TO.toString())
                .queryParam("asOf", AS_OF).queryParam("by", "team").when().get("/v1/reoffending")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .body(containsString("team,people,matured,pending,reoffended,actualRate"))
                .body(containsString("North," + northPeople + "," + northPeople + ",0," + northReoffenders + ","));
    }

    @Test
    void aSmallGroupIsSuppressedAndSoIsTheNextSmallest() {
        await().ignoreExceptions().untilAsserted(() -> assertEquals(people, report().getInt("total.matured")));
        JsonPath r = report("by", "gender"); // 8 women (suppressed), 32 men (secondary suppression)
        assertEquals(List.of(true, true), r.getList("rows.suppressed"));
        assertEquals((Object) null, r.get("rows[0].matured"));
        assertEquals(false, r.getBoolean("total.suppressed"));
    }

    @Test
    void badParametersAre400Problems() {
        given().queryParam("cohort", "everyone").when().get("/v1/reoffending").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("/query/cohort"));
        given().queryParam("by", "shoe-size").when().get("/v1/reoffending").then().statusCode(400)
                .body("errors.rule", hasItem("enum"));
        given().queryParam("asOf", "yesterday").when().get("/v1/reoffending").then().statusCode(400)
                .body("errors.field", hasItem("/query/asOf"));
        // Windows and as-of dates are whole calendar months: a day-level date is a 400 naming the parameter and rule.
        given().queryParam("asOf", "2020-06-02").when().get("/v1/reoffending").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("/query/asOf"))
                .body("errors.rule", hasItem("first-day-of-month"));
        given().queryParam("from", "2018-06-15").when().get("/v1/reoffending").then().statusCode(400)
                .body("errors.field", hasItem("/query/from")).body("errors.rule", hasItem("first-day-of-month"));
        given().accept("text/csv").queryParam("to", "2018-06-29").when().get("/v1/reoffending").then()
                .statusCode(400).body("errors.field", hasItem("/query/to"))
                .body("errors.rule", hasItem("last-day-of-month"));
        given().queryParam("to", "2018-06-29").when().get("/v1/reoffending/alerts").then().statusCode(400)
                .body("errors.rule", hasItem("last-day-of-month"));
        given().queryParam("asOf", "2015-07-15").when().get("/v1/academy/progression").then().statusCode(400)
                .body("errors.field", hasItem("/query/asOf"));
        // A window no IT publishes into, so the empty cohort's suppression does not depend on other tests' people.
        given().queryParam("measuredFrom", "job-start").queryParam("cohort", "found-work")
                .queryParam("from", "1999-01-01").queryParam("to", "1999-12-31")
                .when().get("/v1/reoffending").then().statusCode(200).body("measuredFrom", equalTo("job-start"))
                .body("total.suppressed", equalTo(true)).body("total.matured", nullValue());
    }
}
