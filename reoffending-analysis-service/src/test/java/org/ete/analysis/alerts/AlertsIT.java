package org.ete.analysis.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.ete.analysis.CsvLines;
import org.ete.analysis.TopicPublisher;
import org.ete.contracts.AlertStatus;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.contracts.Topics;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Team alerts through the real topics, the HTTP API and the alert topic. One team reoffends far above its OGRS3
 * prediction (O/E about 3.5 on E about 15), four stay near it, and one is too small to show. The funnel statistics
 * are recomputed here from the generated people, independently of the production code.
 *
 * <p>Isolation from the other ITs sharing this JVM's broker, database and application: index dates in the first
 * month of the monitor's default window (no other IT uses those), person ids starting {@code a1e27}, team names
 * starting {@code AIT }. The monitor evaluates everyone as of the first of this month, so it sees these teams alongside the other ITs' teams: the test only looks at
 * events whose subject is one of its own teams, and pauses the monitor while its people are being ingested so
 * that no evaluation sees a half-loaded team.
 */
@QuarkusTest
@WithTestResource(PlatformInfraResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsIT {
    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * As of the first of this month, as the monitor evaluates; index dates in the first month of the monitor's
     * default window (the latest 12 whole months in which everyone has matured), so the API's explicit window and the
     * monitor see the same people. No other IT uses dates that recent and that old.
     */
    static final LocalDate AS_OF_DATE = LocalDate.now().withDayOfMonth(1);
    static final LocalDate FROM = AlertWindow.defaultFor(AS_OF_DATE).from();
    static final LocalDate TO = FROM.plusMonths(1).minusDays(1);
    static final String AS_OF = AS_OF_DATE.toString();

    static final String ALARM_TEAM = "AIT Alarm";
    static final String SMALL_TEAM = "AIT Small";
    /** The smallest team shown: suppressed as well, so the small team's figures cannot be recovered. */
    static final String SECONDARY_TEAM = "AIT Steady A";

    /** team -> {people, reoffenders}; OGRS3 one-year percent alternates 15 and 25 (30 for the small team). */
    static final Map<String, int[]> TEAMS = new LinkedHashMap<>();

    static {
        TEAMS.put(ALARM_TEAM, new int[] {75, 52});
        TEAMS.put(SECONDARY_TEAM, new int[] {70, 14});
        TEAMS.put("AIT Steady B", new int[] {75, 15});
        TEAMS.put("AIT Steady C", new int[] {75, 16});
        TEAMS.put("AIT Steady D", new int[] {75, 14});
        // Two more steady teams: phi and tau2 come from the shown teams only (the small and the secondary team take
        // no part), and with three steady teams beside it the alarm team's own z would widen the limits to alert.
        TEAMS.put("AIT Steady E", new int[] {75, 15});
        TEAMS.put("AIT Steady F", new int[] {75, 16});
        TEAMS.put(SMALL_TEAM, new int[] {6, 2});
    }

    /** Independently kept figures per team: n, O, E = sum p and sum p^2. */
    record Figures(int people, int observed, double expected, double expectedSquares) {
    }

    static final Map<String, Figures> FIGURES = new LinkedHashMap<>();
    static boolean published;

    @Inject
    AlertMonitor monitor;
    @Inject
    AlertStatusStore statusStore;

    static ObjectNode data(Object... kv) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            n.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        }
        return n;
    }

    @BeforeEach
    void publishCohortOnce() {
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().jsonConfig(
                io.restassured.config.JsonConfig.jsonConfig().numberReturnType(
                        io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
        if (published) {
            return;
        }
        // No evaluation may see a team half-loaded (it could raise, clear and raise again while people arrive).
        monitor.pause();
        List<TopicPublisher.Sent> events = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, int[]> team : TEAMS.entrySet()) {
            int people = team.getValue()[0];
            int reoffenders = team.getValue()[1];
            double expected = 0;
            double squares = 0;
            for (int i = 0; i < people; i++, n++) {
                String person = String.format("a1e27%059x", n);
                double percent = team.getKey().equals(SMALL_TEAM) ? 30 : i % 2 == 0 ? 15 : 25;
                LocalDate takeUp = FROM.plusDays(i % FROM.lengthOfMonth());
                events.add(TopicPublisher.event(EventType.REFERRAL_RECEIVED, person, data("referralDate",
                        takeUp.minusDays(10).toString(), "setting", "community", "contractArea", "AIT", "region",
                        "AIT", "team", team.getKey(), "office", "AIT", "gender", i % 3 == 0 ? "female" : "male",
                        "dateOfBirth", "1988-02-01", "ethnicity", "white", "offenceCategory", "violence",
                        "ogrs3OneYearPercent", percent, "ogrs3TwoYearPercent", percent + 10)));
                if (i < reoffenders) { // offence inside the year, sentence within 547 days: a proven reoffence
                    events.add(TopicPublisher.event(EventType.RECONVICTION_RECORDED, person, data("offenceDate",
                            takeUp.plusDays(100).toString(), "sentenceDate", takeUp.plusDays(200).toString(),
                            "offenceCategory", "violence")));
                }
                events.add(TopicPublisher.event(EventType.SERVICE_TAKEN_UP, person,
                        data("takenUpOn", takeUp.toString())));
                expected += percent / 100;
                squares += (percent / 100) * (percent / 100);
            }
            FIGURES.put(team.getKey(), new Figures(people, reoffenders, expected, squares));
        }
        TopicPublisher.publishAll(PlatformInfra.start().kafkaBootstrapServers(), events);
        published = true;
    }

    static int totalPeople() {
        return FIGURES.values().stream().mapToInt(Figures::people).sum();
    }

    static int totalObserved() {
        return FIGURES.values().stream().mapToInt(Figures::observed).sum();
    }

    static void awaitIngested() {
        // Until ten of the cohort are visible the total is suppressed (null), which getInt cannot read: keep waiting.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            JsonPath total = given().queryParam("from", FROM.toString()).queryParam("to", TO.toString())
                    .queryParam("asOf", AS_OF).when().get("/v1/reoffending").then().statusCode(200).extract()
                    .jsonPath();
            assertEquals(totalPeople(), total.getInt("total.matured"));
            assertEquals(totalObserved(), total.getInt("total.reoffended"));
        });
    }

    static JsonPath alerts(String... extra) {
        var request = given().queryParam("from", FROM.toString()).queryParam("to", TO.toString())
                .queryParam("asOf", AS_OF);
        for (int i = 0; i < extra.length; i += 2) {
            request = request.queryParam(extra[i], extra[i + 1]);
        }
        return request.when().get("/v1/reoffending/alerts").then().statusCode(200).extract().jsonPath();
    }

    // ---- the method, written out again with literal constants ----

    /** Type 7 sample quantile (R's default) of sorted values. */
    static double quantile7(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The pooled centre sum O / sum E of the assessed groups {O, E, sum p^2}. */
    static double theta0(List<double[]> groups) {
        double o = 0;
        double e = 0;
        for (double[] g : groups) {
            o += g[0];
            e += g[1];
        }
        return o / e;
    }

    /** s_g = sqrt(theta0 E - theta0^2 sum p^2) / (theta0 E): the binomial standard error of ln(O/E). */
    static double se(double e, double squares, double theta0) {
        return Math.sqrt(theta0 * e - theta0 * theta0 * squares) / (theta0 * e);
    }

    /** {phi, tau2} for groups {O, E, sum p^2}; tau2 only from 10 groups up. */
    static double[] phiTau2(List<double[]> groups, double theta0) {
        int k = groups.size();
        double[] z = new double[k];
        for (int i = 0; i < k; i++) {
            double[] g = groups.get(i);
            z[i] = Math.log(Math.max(g[0], 0.5) / (theta0 * g[1])) / se(g[1], g[2], theta0);
        }
        double[] sorted = z.clone();
        Arrays.sort(sorted);
        double low = quantile7(sorted, 0.1);
        double high = quantile7(sorted, 0.9);
        double squares = 0;
        for (double zi : z) {
            double w = Math.min(Math.max(zi, low), high);
            squares += w * w;
        }
        double phi = squares / k;
        if (k < 10) {
            return new double[] {phi, 0};
        }
        double sumW = 0;
        double sumW2 = 0;
        for (double[] g : groups) {
            double w = 1 / Math.pow(se(g[1], g[2], theta0), 2);
            sumW += w;
            sumW2 += w * w;
        }
        return new double[] {phi, Math.max(0, (k * phi - (k - 1)) / (sumW - sumW2 / sumW))};
    }

    static String status(Figures f, double theta0, double tau2) {
        double width = Math.sqrt(Math.pow(se(f.expected(), f.expectedSquares(), theta0), 2) + tau2);
        double ratio = f.observed() / f.expected();
        if (ratio > theta0 * Math.exp(3.09 * width)) {
            return "alarm";
        } else if (ratio > theta0 * Math.exp(1.96 * width)) {
            return "alert";
        } else if (ratio < theta0 * Math.exp(-1.96 * width)) {
            return "better";
        }
        return "ok";
    }

    // ---- the view ----

    @Test
    @Order(1)
    void theTeamFarAbovePredictionIsInAlarmAndTheStatisticsMatch() {
        awaitIngested();
        JsonPath r = alerts("by", "team");
        assertEquals("team", r.getString("by"));
        assertEquals("ete", r.getString("cohort"));
        assertEquals("index", r.getString("measuredFrom"));
        assertEquals(AS_OF, r.getString("asOf"));
        assertEquals(10, r.getInt("suppressionThreshold"));
        assertEquals(1.96, r.getDouble("z95"));
        assertEquals(3.09, r.getDouble("z998"));
        assertTrue(r.getString("method").contains("winsorised"));
        List<String> groups = r.getList("rows.group");
        assertEquals(List.copyOf(FIGURES.keySet()).stream().sorted().toList(), groups);

        // theta0, phi, tau2 and k from the shown teams only: the small team and the secondary one take no part.
        List<double[]> oe = new ArrayList<>();
        FIGURES.forEach((team, f) -> {
            if (!team.equals(SMALL_TEAM) && !team.equals(SECONDARY_TEAM)) {
                oe.add(new double[] {f.observed(), f.expected(), f.expectedSquares()});
            }
        });
        double theta0 = theta0(oe);
        double[] expected = phiTau2(oe, theta0);
        assertEquals(FIGURES.size() - 2, r.getInt("k"));
        assertEquals("pooled", r.getString("centre"));
        assertEquals(theta0, r.getDouble("theta0"), 1e-9);
        assertEquals(expected[0], r.getDouble("phi"), 1e-9);
        assertEquals(0.0, expected[1], "fewer than 10 teams: no between-team variance");
        assertEquals(expected[1], r.getDouble("tau2"), 1e-9);
        assertFalse(r.getBoolean("windowDefaulted"));
        assertEquals(2, r.getList("caveats").size());
        double tau2 = expected[1];

        for (int i = 0; i < groups.size(); i++) {
            String team = groups.get(i);
            Figures f = FIGURES.get(team);
            String row = "rows[" + i + "].";
            boolean hidden = team.equals(SMALL_TEAM) || team.equals(SECONDARY_TEAM);
            assertEquals(hidden, r.getBoolean(row + "suppressed"), team);
            // a suppressed row shows only suppressed: true (a few people's status would give their outcome away)
            assertEquals(hidden ? null : status(f, theta0, tau2), r.getString(row + "status"), team);
            if (hidden) {
                assertNull(r.get(row + "assessed"), team);
                assertNull(r.get(row + "observed"), team);
                assertNull(r.get(row + "expected"), team);
                assertNull(r.get(row + "ratio"), team);
                assertNull(r.get(row + "matured"), team);
                assertNull(r.get(row + "upper95"), team);
                continue;
            }
            assertEquals(f.people(), r.getInt(row + "matured"), team);
            assertEquals(f.observed(), r.getInt(row + "observed"), team);
            assertEquals(f.expected(), r.getDouble(row + "expected"), 1e-9, team);
            assertEquals(f.observed() / f.expected(), r.getDouble(row + "ratio"), 1e-9, team);
            double s = se(f.expected(), f.expectedSquares(), theta0);
            double width = Math.sqrt(s * s + tau2);
            assertEquals(theta0 * Math.exp(-1.96 * width), r.getDouble(row + "lower95"), 1e-9, team);
            assertEquals(theta0 * Math.exp(1.96 * width), r.getDouble(row + "upper95"), 1e-9, team);
            assertEquals(theta0 * Math.exp(-3.09 * width), r.getDouble(row + "lower998"), 1e-9, team);
            assertEquals(theta0 * Math.exp(3.09 * width), r.getDouble(row + "upper998"), 1e-9, team);
            assertEquals(s, r.getDouble(row + "standardError"), 1e-9, team);
            assertEquals(Math.exp(1.96 * width + 0.8416 * s), r.getDouble(row + "detectableRatio"), 1e-9, team);
        }

        Map<String, String> statuses = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            statuses.put(groups.get(i), r.getString("rows[" + i + "].status"));
        }
        assertEquals("alarm", statuses.get(ALARM_TEAM));
        statuses.forEach((team, status) -> {
            if (!team.equals(ALARM_TEAM)) {
                assertFalse("alarm".equals(status) || "alert".equals(status), team + " is " + status);
            }
        });

        // centre=one: against OGRS3's national expectation, theta0 = 1 and the limits move with it.
        JsonPath one = alerts("by", "team", "centre", "one");
        assertEquals("one", one.getString("centre"));
        assertEquals(1.0, one.getDouble("theta0"), 0);
        int alarmRow = groups.indexOf(ALARM_TEAM);
        Figures f = FIGURES.get(ALARM_TEAM);
        assertEquals(Math.exp(1.96 * se(f.expected(), f.expectedSquares(), 1.0)),
                one.getDouble("rows[" + alarmRow + "].upper95"), 1e-9);
        given().queryParam("centre", "middle").when().get("/v1/reoffending/alerts").then().statusCode(400)
                .body("errors.field", hasItem("/query/centre"));
    }

    @Test
    @Order(2)
    void csvHasTheSameRows() throws Exception {
        awaitIngested();
        JsonPath r = alerts("by", "team");
        int alarmRow = r.getList("rows.group").indexOf(ALARM_TEAM);
        Figures f = FIGURES.get(ALARM_TEAM);
        String body = given().accept("text/csv").queryParam("from", FROM.toString()).queryParam("to", TO.toString())
                .queryParam("asOf", AS_OF).queryParam("by", "team").when().get("/v1/reoffending/alerts")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        List<List<String>> lines = CsvLines.parse(body);
        assertEquals(List.of("team", "matured", "observed", "expected", "ratio", "lower95", "upper95", "lower998",
                "upper998", "status", "assessed", "suppressed"), lines.get(0).subList(0, 12));
        // then the power, the centre and what the file is: window, as-of, threshold, definitions, caveats
        assertEquals(List.of("standardError", "detectableRatio", "centre", "theta0", "cohort", "measuredFrom", "from",
                "to", "asOf", "suppressionThreshold", "definitionsVersion", "caveats"), lines.get(0).subList(12, 24));
        assertEquals(List.of("pooled"), lines.get(1).subList(14, 15));
        assertEquals(List.of("ete", "index", FROM.toString(), TO.toString(), AS_OF, "10"),
                lines.get(1).subList(16, 22));
        assertEquals(FIGURES.size() + 1, lines.size());
        List<String> alarm = lines.get(alarmRow + 1);
        assertEquals(List.of(ALARM_TEAM, String.valueOf(f.people()), String.valueOf(f.observed())),
                alarm.subList(0, 3));
        assertEquals(f.expected(), Double.parseDouble(alarm.get(3)), 1e-9);
        assertEquals(r.getDouble("rows[" + alarmRow + "].upper998"), Double.parseDouble(alarm.get(8)), 1e-12);
        assertEquals(List.of("alarm", "true", "false"), alarm.subList(9, 12));
        int smallRow = r.getList("rows.group").indexOf(SMALL_TEAM);
        List<String> small = lines.get(smallRow + 1);
        assertEquals(SMALL_TEAM, small.get(0));
        assertEquals(List.of("", "", "", "", "", "", "", ""), small.subList(1, 9));
        assertEquals(List.of("", "", "true"), small.subList(9, 12)); // no status, no assessed: only suppressed
    }

    @Test
    @Order(3)
    void badParametersAre400ProblemsNamingTheParameter() {
        given().queryParam("by", "team,gender").when().get("/v1/reoffending/alerts").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("/query/by"))
                .body("errors.rule", hasItem("max-items"));
        given().queryParam("by", "shoe-size").when().get("/v1/reoffending/alerts").then().statusCode(400)
                .body("errors.field", hasItem("/query/by")).body("errors.rule", hasItem("enum"));
        given().queryParam("cohort", "everyone").when().get("/v1/reoffending/alerts").then().statusCode(400)
                .body("errors.field", hasItem("/query/cohort"));
        given().queryParam("measuredFrom", "later").when().get("/v1/reoffending/alerts").then().statusCode(400)
                .body("errors.field", hasItem("/query/measuredFrom"));
        given().queryParam("asOf", "yesterday").when().get("/v1/reoffending/alerts").then().statusCode(400)
                .body("errors.field", hasItem("/query/asOf"));
        given().queryParam("from", "2017-04-01").queryParam("to", "2017-03-31").when().get("/v1/reoffending/alerts")
                .then().statusCode(400).body("errors.field", hasItem("/query/to"));
        // defaults: by team, cohort ete, as of the first day of the current month
        given().queryParam("from", "1990-01-01").queryParam("to", "1990-01-31").when()
                .get("/v1/reoffending/alerts").then().statusCode(200).body("by", equalTo("team"))
                .body("cohort", equalTo("ete")).body("asOf", equalTo(LocalDate.now().withDayOfMonth(1).toString()))
                .body("k", equalTo(0));
        // no window given: the default 12 months of matured index dates, said so in the answer
        given().when().get("/v1/reoffending/alerts").then().statusCode(200).body("windowDefaulted", equalTo(true))
                .body("from", equalTo(FROM.toString()))
                .body("to", equalTo(FROM.plusMonths(12).minusDays(1).toString()));
    }

    // ---- the monitor and the alert topic ----

    record Alert(String id, String type, String subject, String data) {
    }

    static List<Alert> alertsOnTopic() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, PlatformInfra.start().kafkaBootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<Alert> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(Topics.ANALYSIS_ALERTS, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertTrue(System.currentTimeMillis() < deadline, "reading " + Topics.ANALYSIS_ALERTS);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
                    assertEquals(event.getSubject(), record.key(), "keyed by subject");
                    out.add(new Alert(event.getId(), event.getType(), event.getSubject(),
                            new String(event.getData().toBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
        return out;
    }

    static List<Alert> ours(List<Alert> all) {
        return all.stream().filter(a -> FIGURES.keySet().stream().anyMatch(t -> a.subject().equals("team/" + t)))
                .toList();
    }

    static List<Error> validate(EventType type, String data) throws Exception {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        Schema schema = registry.getSchema(EventCatalogue.schemaText(type));
        return schema.validate(JSON.readTree(data));
    }

    static double metric(String body, String by, String status) {
        Matcher m = Pattern.compile("(?m)^ete_alerts_raised_total\\{([^}]*)\\} (\\S+)$").matcher(body);
        while (m.find()) {
            if (m.group(1).contains("by=\"" + by + "\"") && m.group(1).contains("status=\"" + status + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return Double.NaN;
    }

    @Test
    @Order(4)
    void theMonitorRaisesOneAlertForTheAlarmTeamAndNothingOnASecondEvaluation() throws Exception {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertFalse(Double.isNaN(metric(metrics, "team", "alarm")), "registered at start");
        assertFalse(Double.isNaN(metric(metrics, "contract-area", "alert")), "registered at start");

        awaitIngested();
        String subject = "team/" + ALARM_TEAM;
        monitor.resume(); // scheduled evaluations see the teams complete from now on
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> !ours(alertsOnTopic()).isEmpty());
        } finally {
            monitor.pause(); // waits for a round in progress
        }

        List<Alert> ours = ours(alertsOnTopic());
        assertEquals(1, ours.size(), "one event, for the alarm team only: " + ours);
        Alert raised = ours.get(0);
        assertEquals(subject, raised.subject());
        assertEquals(EventType.ALERT_RAISED.type(), raised.type());
        assertEquals(List.of(), validate(EventType.ALERT_RAISED, raised.data()));
        JsonNode data = JSON.readTree(raised.data());
        Figures f = FIGURES.get(ALARM_TEAM);
        assertEquals("team", data.get("by").asText());
        assertEquals(ALARM_TEAM, data.get("group").asText());
        assertEquals("ete", data.get("cohort").asText());
        assertEquals("alarm", data.get("status").asText());
        assertEquals("ok", data.get("previousStatus").asText());
        assertEquals(f.observed(), data.get("observed").asInt());
        assertEquals(f.expected(), data.get("expected").asDouble(), 1e-9);
        assertEquals(f.observed() / f.expected(), data.get("ratio").asDouble(), 1e-9);
        assertEquals(AS_OF, data.get("asOf").asText());
        assertEquals(FROM.toString(), data.get("from").asText());

        AlertStatusStore.Entry entry = statusStore.find(subject);
        assertEquals(AlertStatus.ALARM, entry.status());
        assertEquals(raised.id(), entry.eventId());
        assertNull(entry.pending());
        assertEquals(raised.id(), AlertTransition.eventId(subject, AlertStatus.ALARM, entry.changedAt()));

        // Evaluating again changes nothing for these teams: no new event.
        List<AlertMonitor.Published> again = monitor.evaluate(LocalDate.now());
        assertTrue(again.stream().noneMatch(a -> FIGURES.keySet().stream()
                .anyMatch(t -> a.subject().equals("team/" + t))), again.toString());
        assertEquals(ours, ours(alertsOnTopic()));

        metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metric(metrics, "team", "alarm") >= 1, "ete.alerts.raised counted");
    }

    @Test
    @Order(5)
    void aCrashBetweenPublishAndStatusWriteRepublishesTheSameEvent() {
        String subject = "team/" + ALARM_TEAM;
        List<Alert> before = ours(alertsOnTopic());
        assertEquals(1, before.size(), "runs after the monitor test");
        Alert raised = before.get(0);
        AlertStatusStore.Entry committed = statusStore.find(subject);
        // The state a crash right after the broker's acknowledgement leaves: the change still pending.
        AlertStatusStore.Pending pending = new AlertStatusStore.Pending(AlertStatus.ALARM, AlertStatus.OK,
                committed.changedAt(), committed.eventId(), EventType.ALERT_RAISED, raised.data());
        AlertStatusStore.Entry crashed = new AlertStatusStore.Entry(subject, "team", ALARM_TEAM, "ete", null, null,
                null, null, pending, committed.version());
        assertNotNull(statusStore.write(crashed));

        List<AlertMonitor.Published> published = monitor.evaluate(LocalDate.now());
        List<AlertMonitor.Published> forTeam = published.stream().filter(a -> a.subject().equals(subject)).toList();
        assertEquals(1, forTeam.size(), published.toString());
        assertTrue(forTeam.get(0).republished());
        assertEquals(raised.id(), forTeam.get(0).eventId());

        List<Alert> after = ours(alertsOnTopic());
        assertEquals(2, after.size());
        assertEquals(raised, after.get(1), "the same id and the same data: consumers drop it as a repeat");
        AlertStatusStore.Entry done = statusStore.find(subject);
        assertEquals(AlertStatus.ALARM, done.status());
        assertNull(done.pending());
        assertTrue(monitor.evaluate(LocalDate.now()).stream().noneMatch(a -> a.subject().equals(subject)));
        monitor.resume();
    }
}
