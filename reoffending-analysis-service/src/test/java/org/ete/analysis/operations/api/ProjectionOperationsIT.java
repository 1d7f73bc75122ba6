package org.ete.analysis.operations.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ete.analysis.TopicPublisher;
import org.ete.contracts.EventType;
import org.ete.contracts.Topics;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blue/green rebuild through the real broker and database: the views answer the same before, during and after,
 * the generation moves on, and the live consumer carries on in the new generation. Window: 2011 (this class only).
 */
@QuarkusTest
@WithTestResource(PlatformInfraResource.class)
class ProjectionOperationsIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final LocalDate FROM = LocalDate.parse("2011-02-01");
    static final LocalDate TO = LocalDate.parse("2011-02-28");
    static final String AS_OF = "2013-06-01";
    static final int PEOPLE = 24;

    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "ete.mongodb.database")
    String database;

    static ObjectNode data(Object... kv) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            n.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        }
        return n;
    }

    static String person(long n) {
        return String.format("%064x", 0x2011_0000_0000L + n);
    }

    /**
     * A cohort taken up in February 2011: half referred (two teams, some reconvicted), the other half with jobs,
     * some sustained. The halves do not overlap, so no one joins the found-work reoffending cohort: other test
     * classes count that cohort over all dates and expect it to stay below the disclosure threshold.
     */
    static void publishCohort() {
        Random random = new Random(2011);
        List<TopicPublisher.Sent> events = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String p = person(i);
            LocalDate takeUp = FROM.plusDays(i % 28);
            events.add(TopicPublisher.event(EventType.SERVICE_TAKEN_UP, p, data("takenUpOn", takeUp.toString())));
            if (i % 2 == 0) {
                double percent = 15 + random.nextInt(50);
                events.add(TopicPublisher.event(EventType.REFERRAL_RECEIVED, p, data("referralDate",
                        takeUp.minusDays(7).toString(), "setting", "community", "contractArea", "DLNR", "region", "EM",
                        "team", i % 3 == 0 ? "East" : "West", "office", "O", "gender", "male", "dateOfBirth",
                        "1980-01-01", "ethnicity", "white", "offenceCategory", "burglary-domestic",
                        "ogrs3OneYearPercent", percent, "ogrs3TwoYearPercent", Math.min(99, percent + 12))));
                if (i % 4 == 0) {
                    events.add(TopicPublisher.event(EventType.RECONVICTION_RECORDED, p, data("offenceDate",
                            takeUp.plusDays(100).toString(), "sentenceDate", takeUp.plusDays(200).toString(),
                            "offenceCategory", "burglary-domestic")));
                }
            } else {
                events.add(TopicPublisher.event(EventType.JOB_STARTED, p, data("jobId", "J" + i, "sector", "retail",
                        "employer", "Shop", "hoursPerWeek", 30, "startedOn", takeUp.plusDays(20).toString())));
                if (i % 4 == 1) {
                    events.add(TopicPublisher.event(EventType.JOB_SUSTAINED, p, data("jobId", "J" + i,
                            "sustainedOn", takeUp.plusDays(120).toString())));
                }
            }
        }
        List<TopicPublisher.Sent> delivered = new ArrayList<>(events);
        delivered.addAll(events.subList(0, 10)); // redeliveries
        Collections.shuffle(delivered, new Random(5));
        TopicPublisher.publishAll(PlatformInfra.start().kafkaBootstrapServers(), delivered);
    }

    /** Every answer compared before and after the switch, as the exact bodies. */
    static Map<String, String> answers() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("outputs window", get("/v1/ete/outputs", "from", FROM.toString(), "to", TO.toString()));
        out.put("outputs all", get("/v1/ete/outputs"));
        for (String cohort : List.of("ete", "found-work")) {
            out.put("reoffending " + cohort, get("/v1/reoffending", "cohort", cohort, "from", FROM.toString(),
                    "to", TO.toString(), "asOf", AS_OF, "by", "team"));
        }
        out.put("reoffending all", get("/v1/reoffending", "asOf", AS_OF, "by", "team"));
        return out;
    }

    static String get(String path, String... params) {
        var request = given();
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.when().get(path).then().statusCode(200).extract().asString();
    }

    /** People who took up in the window; null while fewer than the disclosure threshold. */
    static Integer tookUp(String from, String to) {
        Number n = given().queryParam("from", from).queryParam("to", to).when().get("/v1/ete/outputs").then()
                .statusCode(200).extract().jsonPath().get("tookUp");
        return n == null ? null : n.intValue();
    }

    static JsonPath status() {
        return given().when().get("/v1/admin/projections").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void rebuildReplaysIntoANewGenerationAndSwitchesWithIdenticalAnswers() {
        publishCohort();
        await().atMost(Duration.ofSeconds(60)).until(() -> Integer.valueOf(PEOPLE).equals(tookUp(FROM.toString(), TO.toString())));
        // Settled: two reads a second apart agree (nothing of this or an earlier test class still in flight).
        Map<String, String>[] settled = new Map[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, String> now = answers();
            boolean same = now.equals(settled[0]);
            settled[0] = now;
            return same;
        });
        Map<String, String> before = settled[0];
        JsonPath s0 = status();
        int generation = s0.getInt("active.generation");
        int people = s0.getInt("active.people");
        assertTrue(people >= PEOPLE);

        JsonPath started = given().when().post("/v1/admin/projections/rebuild").then().statusCode(202)
                .header("Location", containsString("/v1/admin/projections")).extract().jsonPath();
        int rebuilt = started.getInt("rebuild.generation");
        assertTrue(rebuilt > generation, "a new generation number");
        assertEquals(generation, started.getInt("active.generation"), "readers stay on the old generation meanwhile");
        // A second request while one runs is refused.
        given().when().post("/v1/admin/projections/rebuild").then().statusCode(409)
                .contentType("application/problem+json").body("type", containsString("rebuild-in-progress"));
        // The old generation keeps answering, unchanged, while the new one fills.
        assertEquals(before, answers());

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonPath s = status();
            assertNotEquals("failed", s.getString("rebuild.state"), s.prettify());
            assertEquals("done", s.getString("rebuild.state"));
        });
        JsonPath done = status();
        assertEquals(rebuilt, done.getInt("active.generation"));
        assertEquals(rebuilt, done.getInt("rebuild.generation"));
        assertEquals(people, done.getInt("active.people"), "the same people");
        assertEquals(100.0, done.getDouble("rebuild.percent"), 1e-9);
        assertEquals(0, done.getInt("rebuild.etaSeconds"));
        assertTrue(done.getLong("rebuild.eventsApplied") >= PEOPLE * 2L, done.prettify());
        assertTrue(done.getDouble("rebuild.eventsPerSecond") > 0, done.prettify());
        assertNotNull(done.getString("rebuild.startedAt"));
        assertNotNull(done.getString("rebuild.finishedAt"));
        assertEquals("reoffending-analysis-test-g" + rebuilt, done.getString("active.groupId"));

        assertEquals(before, answers(), "identical answers from the rebuilt generation");

        // A restart reads the new generation; the one before is kept.
        Document meta = mongo.getDatabase(database).getCollection("projection_meta")
                .find(Filters.eq("_id", "active")).first();
        assertNotNull(meta);
        assertEquals(rebuilt, meta.getInteger("generation"));
        List<String> collections = mongo.getDatabase(database).listCollectionNames().into(new ArrayList<>());
        assertTrue(collections.contains("people_g" + rebuilt), collections.toString());
        assertTrue(collections.contains("people_g" + generation), "one previous generation kept: " + collections);

        // The live consumer carries on with the new generation's group and collection.
        // (Twelve people: fewer than ten would be suppressed by disclosure control.)
        List<TopicPublisher.Sent> late = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            late.add(TopicPublisher.event(EventType.SERVICE_TAKEN_UP, person(1000 + i), data("takenUpOn", "2011-04-04")));
        }
        TopicPublisher.publishAll(PlatformInfra.start().kafkaBootstrapServers(), late);
        await().atMost(Duration.ofSeconds(60)).until(() -> Integer.valueOf(12).equals(tookUp("2011-04-01", "2011-04-30")));
        assertNotNull(mongo.getDatabase(database).getCollection("people_g" + rebuilt)
                .find(Filters.eq("_id", person(1000))).first());
        assertEquals(null, mongo.getDatabase(database).getCollection("people_g" + generation)
                .find(Filters.eq("_id", person(1000))).first(), "the old generation no longer written");
    }

    @Test
    void idleOrLastRebuildIsReportedWithTheActiveGeneration() {
        JsonPath s = status();
        assertTrue(s.getInt("active.generation") >= 1);
        assertNotNull(s.getString("active.groupId"));
        assertTrue(List.of("idle", "running", "switching", "done", "failed").contains(s.getString("rebuild.state")));
    }

    @Test
    void projectionMetricsAreExposed() {
        given().queryParam("from", "2011-01-01").queryParam("to", "2011-01-31").when().get("/v1/ete/outputs")
                .then().statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String topic : Topics.PRODUCER_TOPICS) {
            assertTrue(metrics.matches("(?s).*ete_projection_lag\\{partition=\"0\",topic=\"" + topic.replace(".", "\\.")
                    + "\"} [0-9.E]+\n.*"), "lag gauge of " + topic);
        }
        assertTrue(metrics.contains("ete_projection_dead_letters_total{reason=\"not-a-cloudevent\"}"), "dead letters");
        assertTrue(metrics.contains("ete_projection_dead_letters_total{reason=\"apply-failed\"}"), "dead letters");
        assertTrue(metrics.contains("ete_projection_applied_total{type=\"ete.referral.received.v1\"}"), "applied");
        assertTrue(metrics.contains("ete_projection_freshness_seconds_count"), "freshness");
        assertTrue(metrics.matches("(?s).*ete_query_latency_seconds_count\\{path=\"/v1/ete/outputs\"} [1-9].*"),
                "query latency of the outputs");
        assertTrue(metrics.contains("ete_query_latency_seconds_count{path=\"/v1/reoffending\"}"),
                "query latency registered at start");
        given().when().get("/q/metrics").then().body(not(containsString("path=\"/q/")));
    }
}
