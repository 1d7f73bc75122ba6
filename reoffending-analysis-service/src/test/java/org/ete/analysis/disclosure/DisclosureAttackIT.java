package org.ete.analysis.disclosure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.ete.analysis.CsvLines;
import org.ete.analysis.TopicPublisher;
import org.ete.analysis.projection.PeopleIndex;
import org.ete.analysis.projection.PersonState;
import org.ete.contracts.EventType;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attack suite (issue 12): a data set with known small cells, attacked through the HTTP API the way an analyst
 * with the {@code analyst} role could, each attack asserting that the hidden value is not recovered exactly and that
 * the attack's inputs are what the API serves. Perturbation is on here (as in production).
 *
 * <p>The data set, index dates in 2009 (no other IT publishes there), everyone matured as of 2011-07-01:
 * <ul>
 *   <li>DAT Big: 30 people January-November, plus {@link #LONE}, the only person in the whole data set whose index
 *       date is in December 2009 (2009-12-10, matures 2011-06-10): a reoffender with an OGRS3 score of 42%;</li>
 *   <li>DAT Mid: 12 men and 3 women (the team x gender cell of 3);</li>
 *   <li>DAT Small: 7 people, 6 of them reoffenders at 20%: a suppressed team far above prediction;</li>
 *   <li>DAT Steady A, B, C: 12, 14 and 16 people.</li>
 * </ul>
 * Whoever knows that one person started in December (a neighbour, a colleague) is the attacker of (b) and (e).
 */
@QuarkusTest
@TestProfile(DisclosureAttackIT.Perturbed.class)
@WithTestResource(PlatformInfraResource.class)
class DisclosureAttackIT {
    /** Perturbation on, as in production; the other ITs check the exact arithmetic with it off. */
    public static class Perturbed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ete.disclosure.perturbation.enabled", "true");
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    static final String JAN = "2009-01-01", NOV = "2009-11-30", DEC = "2009-12-31", FEB = "2009-02-28";
    static final String MAR = "2009-03-01";
    static final String AS_OF = "2011-07-01";
    static final String LONE = String.format("%064x", 0xD15C_0000_0000L + 999);
    static final double LONE_P = 0.42;
    static final boolean LONE_REOFFENDED = true;
    static final String BIG = "DAT Big", MID = "DAT Mid", SMALL = "DAT Small";

    /** One generated person. */
    record Person(String id, String team, String gender, LocalDate indexDate, double p, boolean reoffends,
                  boolean works) {
    }

    static final List<Person> PEOPLE = new ArrayList<>();
    static boolean published;

    @Inject
    PeopleIndex index;

    static ObjectNode data(Object... kv) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            n.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        }
        return n;
    }

    static void team(String team, int men, int women, double p, int reoffenders) {
        int base = PEOPLE.size();
        for (int i = 0; i < men + women; i++) {
            String id = String.format("%064x", 0xD15C_0000_0000L + base + i);
            // January to November 2009, two thirds of January's people in the first fortnight.
            LocalDate index = LocalDate.of(2009, 1 + (base + i) % 11, 1 + (base + i) % 27);
            double pi = p + ((base + i) % 5) * 0.02;
            PEOPLE.add(new Person(id, team, i < men ? "male" : "female", index, pi, i < reoffenders, i % 3 == 0));
        }
    }

    @BeforeEach
    void publishOnce() {
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().jsonConfig(
                io.restassured.config.JsonConfig.jsonConfig().numberReturnType(
                        io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
        if (!published) {
            team(BIG, 20, 10, 0.30, 9);
            team(MID, 12, 3, 0.35, 5);
            team(SMALL, 4, 3, 0.20, 6);
            team("DAT Steady A", 6, 6, 0.30, 4);
            team("DAT Steady B", 7, 7, 0.30, 4);
            team("DAT Steady C", 8, 8, 0.30, 5);
            PEOPLE.add(new Person(LONE, BIG, "male", LocalDate.parse("2009-12-10"), LONE_P, LONE_REOFFENDED, true));
            List<TopicPublisher.Sent> events = new ArrayList<>();
            for (Person p : PEOPLE) {
                LocalDate takeUp = p.indexDate();
                events.add(TopicPublisher.event(EventType.REFERRAL_RECEIVED, p.id(), data("referralDate",
                        takeUp.minusDays(10).toString(), "setting", "community", "contractArea", "DATK", "region",
                        "DATK", "team", p.team(), "office", "DATK", "gender", p.gender(), "dateOfBirth", "1985-01-01",
                        "ethnicity", "white", "offenceCategory", "violence", "ogrs3OneYearPercent", p.p() * 100,
                        "ogrs3TwoYearPercent", Math.min(99, p.p() * 100 + 10))));
                events.add(TopicPublisher.event(EventType.SERVICE_TAKEN_UP, p.id(),
                        data("takenUpOn", takeUp.toString())));
                if (p.reoffends()) {
                    events.add(TopicPublisher.event(EventType.RECONVICTION_RECORDED, p.id(), data("offenceDate",
                            takeUp.plusDays(100).toString(), "sentenceDate", takeUp.plusDays(200).toString(),
                            "offenceCategory", "violence")));
                }
                if (p.works()) {
                    events.add(TopicPublisher.event(EventType.JOB_STARTED, p.id(), data("jobId", "J1", "sector",
                            "retail", "employer", "Attack Ltd", "hoursPerWeek", 30, "startedOn",
                            takeUp.plusDays(20).toString())));
                }
            }
            TopicPublisher.publishAll(PlatformInfra.start().kafkaBootstrapServers(), events);
            published = true;
        }
        // Wait on the projection itself, not on the (perturbed) figures.
        Map<String, Person> byId = PEOPLE.stream().collect(Collectors.toMap(Person::id, p -> p));
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            index.readLock().lock();
            try {
                long ready = index.all().stream().filter(s -> byId.containsKey(s.personId()))
                        .filter(s -> s.referral() != null && s.tookUpOn() != null)
                        .filter(s -> s.reconvictions().size() == (byId.get(s.personId()).reoffends() ? 1 : 0))
                        .filter(s -> s.jobs().size() == (byId.get(s.personId()).works() ? 1 : 0)).count();
                return ready == PEOPLE.size();
            } finally {
                index.readLock().unlock();
            }
        });
    }

    // ---- what the API serves ----

    static JsonPath reoffending(String from, String to, String asOf, String by) {
        var request = given().queryParam("from", from).queryParam("to", to).queryParam("asOf", asOf);
        if (by != null) {
            request = request.queryParam("by", by);
        }
        return request.when().get("/v1/reoffending").then().statusCode(200).extract().jsonPath();
    }

    /** The row of one team (or the total when team is null) as {matured, reoffended, expected = predicted x n}. */
    static double[] figures(JsonPath r, String team) {
        String row = team == null ? "total" : "rows.find { it.group.team == '" + team + "' }";
        assertEquals(Boolean.FALSE, r.get(row + ".suppressed"), row + " is shown");
        double n = r.getDouble(row + ".matured");
        return new double[] {n, r.getDouble(row + ".reoffended"), r.getDouble(row + ".predictedRate") * n};
    }

    /**
     * The outcomes (0 or 1) an attacker cannot rule out from a difference of two published counts, each within
     * {@link PTable#MAX_NOISE} of the truth (the bound is public: docs/api.md states it).
     */
    static Set<Integer> outcomesConsistentWith(double difference) {
        Set<Integer> out = new TreeSet<>();
        for (int outcome = 0; outcome <= 1; outcome++) {
            if (Math.abs(difference - outcome) <= 2 * PTable.MAX_NOISE) {
                out.add(outcome);
            }
        }
        return out;
    }

    static void assertLoneNotRecovered(String attack, double[] without, double[] with) {
        double matured = with[0] - without[0];
        double outcome = with[1] - without[1];
        double score = with[2] - without[2];
        // Without perturbation these three differences are exactly 1, the person's outcome and their score.
        assertEquals(Set.of(0, 1), outcomesConsistentWith(outcome),
                attack + ": the difference " + outcome + " (matured difference " + matured + ") pins the outcome down");
        assertTrue(Math.abs(score - LONE_P) > 1e-6, attack + ": the score " + LONE_P + " is recovered as " + score);
    }

    /** The team's true z^2 under the published method, against the published centre. */
    static double trueZ2(String team, double theta0) {
        double o = 0, e = 0, squares = 0;
        for (Person p : PEOPLE) {
            if (p.team().equals(team)) {
                o += p.reoffends() ? 1 : 0;
                e += p.p();
                squares += p.p() * p.p();
            }
        }
        double s = Math.sqrt(theta0 * e - theta0 * theta0 * squares) / (theta0 * e);
        return Math.pow(Math.log(Math.max(o, 0.5) / (theta0 * e)) / s, 2);
    }

    // ---- the attacks ----

    @Test
    @DisplayName("(a) funnel parameters: k phi minus the shown groups' z^2, and tau2's denominator, give nothing of a "
            + "suppressed team")
    void funnelParameterRecovery() {
        JsonPath a = given().queryParam("by", "team").queryParam("from", JAN).queryParam("to", DEC)
                .queryParam("asOf", AS_OF).when().get("/v1/reoffending/alerts").then().statusCode(200).extract()
                .jsonPath();
        List<Map<String, Object>> rows = a.getList("rows");
        assertEquals(Boolean.TRUE, a.get("rows.find { it.group == '" + SMALL + "' }.suppressed"));
        List<double[]> shown = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            if (!(Boolean) row.get("suppressed")) {
                shown.add(new double[] {((Number) row.get("observed")).doubleValue(),
                        ((Number) row.get("expected")).doubleValue(),
                        ((Number) row.get("standardError")).doubleValue()});
            }
        }
        int k = a.getInt("k");
        double phi = a.getDouble("phi");
        double tau2 = a.getDouble("tau2");
        double theta0 = a.getDouble("theta0");
        // The attacker replays the published method over the shown groups (their winsorising quantiles included),
        // with the published centre and standard errors.
        double[] z = shown.stream().mapToDouble(g -> Math.log(Math.max(g[0], 0.5) / (theta0 * g[1])) / g[2])
                .toArray();
        double lo = quantile7(z, 0.1), hi = quantile7(z, 0.9);
        double shownZ2 = Arrays.stream(z).map(v -> Math.min(Math.max(v, lo), hi)).map(v -> v * v).sum();
        double hiddenZ2 = k * phi - shownZ2;
        assertEquals(shown.size(), k, "k counts the shown groups only");
        assertEquals(0.0, hiddenZ2, 1e-9, "k phi less the shown groups' z^2 leaves nothing of the hidden teams");
        assertNotEquals(trueZ2(SMALL, theta0), hiddenZ2, 0.5,
                "the small team's z^2 " + trueZ2(SMALL, theta0) + " is recovered");
        // theta0 = sum O / sum E over the shown groups only: nothing of a hidden team in the centre either
        assertEquals(shown.stream().mapToDouble(g -> g[0]).sum() / shown.stream().mapToDouble(g -> g[1]).sum(),
                theta0, 1e-9, "theta0 from the shown groups");
        if (tau2 > 0) {
            double sumW = shown.stream().mapToDouble(g -> 1 / (g[2] * g[2])).sum();
            double sumW2 = shown.stream().mapToDouble(g -> Math.pow(g[2], -4)).sum();
            double denominator = (k * phi - (k - 1)) / tau2;
            assertEquals(sumW - sumW2 / sumW, denominator, 1e-6 * denominator,
                    "tau2's denominator holds the shown groups' weights only: nothing hidden to solve for");
        }
    }

    @Test
    @DisplayName("(b) nested windows: January-November against January-December isolates the one December person")
    void nestedWindowsDifferencing() {
        assertLoneNotRecovered("total", figures(reoffending(JAN, NOV, AS_OF, null), null),
                figures(reoffending(JAN, DEC, AS_OF, null), null));
        assertLoneNotRecovered("team", figures(reoffending(JAN, NOV, AS_OF, "team"), BIG),
                figures(reoffending(JAN, DEC, AS_OF, "team"), BIG));
        // ETE outputs: took up and found work, the same months.
        JsonPath without = given().queryParam("from", JAN).queryParam("to", NOV).when().get("/v1/ete/outputs")
                .then().statusCode(200).extract().jsonPath();
        JsonPath with = given().queryParam("from", JAN).queryParam("to", DEC).when().get("/v1/ete/outputs")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(Set.of(0, 1), outcomesConsistentWith(with.getDouble("foundWork")
                - without.getDouble("foundWork")), "found work of the December person");
    }

    @Test
    @DisplayName("(b) overlapping windows: (March-December) - (January-November) + (January-February)")
    void overlappingWindowsDifferencing() {
        double[] a = figures(reoffending(JAN, NOV, AS_OF, null), null);
        double[] b = figures(reoffending(MAR, DEC, AS_OF, null), null);
        double[] c = figures(reoffending(JAN, FEB, AS_OF, null), null);
        double[] attack = {b[0] - a[0] + c[0], b[1] - a[1] + c[1], b[2] - a[2] + c[2]};
        double outcome = attack[1];
        // Three published counts, each within MAX_NOISE: the attacker's bound is 3 x MAX_NOISE.
        assertTrue(Math.abs(outcome - 0) <= 3 * PTable.MAX_NOISE && Math.abs(outcome - 1) <= 3 * PTable.MAX_NOISE,
                "the combination " + outcome + " pins the December person's outcome down");
        assertTrue(Math.abs(attack[2] - LONE_P) > 1e-6, "the score is recovered as " + attack[2]);
    }

    @Test
    @DisplayName("(c) margins: the team's total (by=team) and the gender's total (by=gender) minus the shown cells of "
            + "by=team,gender")
    void teamTotalMinusShownCells() {
        JsonPath cells = reoffending(JAN, DEC, AS_OF, "team,gender");
        JsonPath teams = reoffending(JAN, DEC, AS_OF, "team");
        JsonPath genders = reoffending(JAN, DEC, AS_OF, "gender");
        String target = "rows.find { it.group.team == '" + MID + "' && it.group.gender == 'female' }";
        assertEquals(Boolean.TRUE, cells.get(target + ".suppressed"), "the cell of 3 is suppressed");
        assertNull(cells.get(target + ".matured"));
        // Along the team: Mid's total is shown by by=team.
        assertEquals(Boolean.FALSE, teams.get("rows.find { it.group.team == '" + MID + "' }.suppressed"));
        List<Map<String, Object>> midCells = cells.getList("rows.findAll { it.group.team == '" + MID + "' }");
        long hiddenInTeam = midCells.stream().filter(r -> (Boolean) r.get("suppressed")).count();
        assertTrue(hiddenInTeam >= 2, "Mid's total minus its shown cells isolates the women: " + midCells);
        double attackTeam = teams.getDouble("rows.find { it.group.team == '" + MID + "' }.matured")
                - midCells.stream().filter(r -> !(Boolean) r.get("suppressed"))
                .mapToDouble(r -> ((Number) r.get("matured")).doubleValue()).sum();
        assertNotEquals(3.0, attackTeam, "team total minus shown cells gives the cell of 3");
        // Along the gender: the women's total is shown by by=gender.
        assertEquals(Boolean.FALSE, genders.get("rows.find { it.group.gender == 'female' }.suppressed"));
        List<Map<String, Object>> women = cells.getList("rows.findAll { it.group.gender == 'female' }");
        assertTrue(women.stream().filter(r -> (Boolean) r.get("suppressed")).count() >= 2,
                "the women's total minus the shown women's cells isolates one: " + women);
        // The total against every cell.
        assertTrue(cells.getList("rows.findAll { it.suppressed }").size() >= 2);
    }

    @Test
    @DisplayName("(d) CSV against JSON, and repeated queries: the same noise, no suppressed figure in either")
    void csvAgainstJsonOfTheSameQuery() throws Exception {
        JsonPath json = reoffending(JAN, DEC, AS_OF, "team");
        String csv = given().accept("text/csv").queryParam("from", JAN).queryParam("to", DEC)
                .queryParam("asOf", AS_OF).queryParam("by", "team").when().get("/v1/reoffending").then()
                .statusCode(200).extract().asString();
        List<List<String>> lines = CsvLines.parse(csv);
        List<String> header = lines.get(0);
        Map<String, List<String>> byTeam = new HashMap<>();
        lines.subList(1, lines.size()).forEach(l -> byTeam.put(l.get(0), l));
        for (Map<String, Object> row : json.<Map<String, Object>>getList("rows")) {
            @SuppressWarnings("unchecked")
            String team = ((Map<String, String>) row.get("group")).get("team");
            List<String> line = byTeam.get(team);
            for (String column : List.of("people", "matured", "pending", "reoffended", "actualRate",
                    "predictedRate", "z")) {
                Object value = row.get(column);
                String cell = line.get(header.indexOf(column));
                if (value == null) {
                    assertEquals("", cell, team + " " + column + " is hidden in the CSV too");
                } else {
                    assertEquals(((Number) value).doubleValue(), Double.parseDouble(cell), 0.0,
                            team + " " + column + ": CSV and JSON must carry the same noise (else averaging them "
                                    + "would cancel it)");
                }
            }
        }
        // Asking again gives the same answer: noise that changed per request could be averaged away.
        Map<String, Object> again = reoffending(JAN, DEC, AS_OF, "team").getMap("rows.find { it.group.team == '"
                + BIG + "' }");
        assertEquals(json.getMap("rows.find { it.group.team == '" + BIG + "' }"), again);
        assertEquals("", byTeam.get(SMALL).get(header.indexOf("reoffended")), "the small team stays hidden");
    }

    @Test
    @DisplayName("(e) as-of dates a month apart: 2011-06-01 against 2011-07-01 isolates the one person maturing "
            + "in June")
    void asOfDifferencing() {
        assertLoneNotRecovered("total", figures(reoffending(JAN, DEC, "2011-06-01", null), null),
                figures(reoffending(JAN, DEC, AS_OF, null), null));
        assertLoneNotRecovered("team", figures(reoffending(JAN, DEC, "2011-06-01", "team"), BIG),
                figures(reoffending(JAN, DEC, AS_OF, "team"), BIG));
        // A day apart is refused: the finest difference the API answers is a month.
        given().queryParam("asOf", "2011-06-10").when().get("/v1/reoffending").then().statusCode(400);
    }

    @Test
    @DisplayName("large cells do not move materially: the perturbed total is within the table's bound")
    void largeCellsStayClose() {
        JsonPath r = reoffending(JAN, DEC, AS_OF, null);
        long people = PEOPLE.size();
        long reoffenders = PEOPLE.stream().filter(Person::reoffends).count();
        assertTrue(Math.abs(r.getDouble("total.matured") - people) <= PTable.MAX_NOISE);
        assertTrue(Math.abs(r.getDouble("total.reoffended") - reoffenders) <= PTable.MAX_NOISE);
        double e = PEOPLE.stream().mapToDouble(Person::p).sum();
        double publishedE = r.getDouble("total.predictedRate") * r.getDouble("total.matured");
        assertTrue(Math.abs(publishedE - e) <= e * CellKeyPerturbation.MAGNITUDE_SCALE / Math.sqrt(people) + 1e-9,
                publishedE + " vs " + e);
    }

    static double quantile7(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
