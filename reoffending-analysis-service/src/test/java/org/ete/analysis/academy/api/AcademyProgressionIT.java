package org.ete.analysis.academy.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.ete.analysis.CsvLines;
import org.ete.analysis.TopicPublisher;
import org.ete.contracts.EventType;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Academy progression through the real peer-mentor topic and HTTP. The Academy people (their own HR references) are
 * dated 2012-2015 and queried as of 2015-06-30, dates no other IT uses; every expected figure is computed here with
 * plain arithmetic over the generated people.
 */
@QuarkusTest
@WithTestResource(PlatformInfraResource.class)
class AcademyProgressionIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final LocalDate FROM = LocalDate.parse("2014-01-01");
    static final LocalDate TO = LocalDate.parse("2014-12-31");
    static final LocalDate AS_OF = LocalDate.parse("2015-07-01"); // as-of dates are the first day of a month
    static final int THRESHOLD = 10;
    static final double YEAR = 365.25;

    record App(String id, boolean lived, LocalDate submitted) {
    }

    record Hire(String applicationId, String level, LocalDate appointed, LocalDate started) {
    }

    record Promo(String level, LocalDate on) {
    }

    record Sick(LocalDate firstDay, int days) {
    }

    record Person(String id, LocalDate trainingStarted, LocalDate graduated, LocalDate withdrew, List<App> apps,
                  Hire hire, List<Promo> promotions, LocalDate left, List<Sick> sickness) {
        String group() {
            return apps.stream().filter(a -> a.id().equals(hire.applicationId())).findFirst().orElseThrow().lived()
                    ? "yes" : "no";
        }
    }

    static final List<Person> PEOPLE = new ArrayList<>();
    static int next;

    static ObjectNode data(Object... kv) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            n.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        }
        return n;
    }

    static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    static String id() {
        return String.format("%064x", 0xACAD_0000_0000L + next++);
    }

    static Person mentor(LocalDate started, LocalDate graduated, LocalDate withdrew) {
        return new Person(id(), started, graduated, withdrew, List.of(), null, List.of(), null, List.of());
    }

    static Person employee(boolean lived, String level, LocalDate submitted, LocalDate appointed, LocalDate started,
                           List<Promo> promotions, LocalDate left, List<Sick> sickness) {
        String id = id();
        App app = new App("APP-" + id.substring(56), lived, submitted);
        return new Person(id, null, null, null, List.of(app), new Hire(app.id(), level, appointed, started),
                promotions, left, sickness);
    }

    @BeforeAll
    static void publishAcademy() {
        RestAssured.config = RestAssured.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        // Mentors: training started in 2014; a third graduated in 2014, a few withdrew, the rest still training.
        for (int k = 0; k < 45; k++) {
            LocalDate started = d("2014-01-06").plusDays(7L * (k % 20));
            if (k % 3 == 0) {
                PEOPLE.add(mentor(started, started.plusDays(91), null));
            } else if (k % 3 == 1 && k % 5 == 0) {
                PEOPLE.add(mentor(started, null, started.plusDays(30)));
            } else if (k % 3 == 1) {
                PEOPLE.add(mentor(started, d("2015-07-10"), null)); // graduates after asOf
            } else {
                PEOPLE.add(mentor(started, null, null));
            }
        }
        for (int k = 0; k < 5; k++) {
            PEOPLE.add(mentor(d("2015-08-03"), null, null)); // starts after asOf
        }
        // Applicants with lived experience in 2014: one in four hired.
        for (int p = 0; p < 48; p++) {
            LocalDate submitted = d("2014-01-06").plusDays(2L * p);
            if (p % 4 != 0) {
                PEOPLE.add(applicant(true, submitted));
                continue;
            }
            int j = p / 4;
            LocalDate appointed = submitted.plusDays(14);
            LocalDate started = appointed.plusDays(21 + p % 3);
            List<Promo> promos = new ArrayList<>();
            if (j < 10) {
                promos.add(new Promo("intermediate", started.plusDays(120)));
            }
            if (j == 0) {
                promos.add(new Promo("managerial", started.plusDays(300)));
            }
            LocalDate left = j % 4 == 1 ? started.plusDays(200) : j % 4 == 3 ? started.plusDays(400) : null;
            List<Sick> sick = j % 2 == 0 ? List.of(new Sick(started.plusDays(50), 2)) : List.of();
            PEOPLE.add(employee(true, "entry", submitted, appointed, started, promos, left, sick));
        }
        for (int p = 0; p < 5; p++) { // applied before the window
            PEOPLE.add(applicant(true, d("2013-06-03").plusDays(p)));
        }
        // Applicants without lived experience in 2014: one in fifteen hired.
        for (int q = 0; q < 150; q++) {
            LocalDate submitted = d("2014-01-06").plusDays(q % 100);
            if (q % 15 != 0) {
                PEOPLE.add(applicant(false, submitted));
                continue;
            }
            int j = q / 15;
            LocalDate appointed = submitted.plusDays(14);
            LocalDate started = appointed.plusDays(28 + q % 4);
            PEOPLE.add(employee(false, "entry", submitted, appointed, started, List.of(),
                    j % 2 == 0 ? started.plusDays(100) : null, List.of(new Sick(started.plusDays(40), 3))));
        }
        // Long-serving employees, hired in 2012.
        for (int s = 0; s < 50; s++) {
            List<Promo> promos = s >= 48 ? List.of(new Promo("managerial", d("2013-09-02")))
                    : s >= 40 ? List.of(new Promo("intermediate", d("2013-05-01"))) : List.of();
            List<Sick> sick = new ArrayList<>();
            if (s % 5 == 0) {
                sick.add(new Sick(d("2014-02-03").plusDays(s), 1 + s % 4));
            }
            if (s % 7 == 0) {
                sick.add(new Sick(d("2013-11-04"), 4)); // before the period
            }
            PEOPLE.add(employee(true, s >= 48 ? "intermediate" : "entry", d("2012-01-02"), d("2012-02-01"),
                    d("2012-03-01").plusDays(s), promos, s == 38 || s == 39 ? d("2014-09-30") : null, sick));
        }
        for (int t = 0; t < 20; t++) {
            List<Sick> sick = new ArrayList<>(List.of(new Sick(d("2014-03-03").plusDays(7L * t), 2 + t % 3)));
            if (t % 4 == 0) {
                sick.add(new Sick(d("2014-10-06"), 5));
            }
            PEOPLE.add(employee(false, "entry", d("2012-01-02"), d("2012-02-01"), d("2012-03-01").plusDays(t),
                    List.of(), null, sick));
        }

        List<TopicPublisher.Sent> events = new ArrayList<>();
        for (Person p : PEOPLE) {
            if (p.trainingStarted() != null) {
                events.add(TopicPublisher.event(EventType.MENTOR_TRAINING_STARTED, p.id(), data("intakeId",
                        "ACAD-" + p.trainingStarted().getYear(), "startedOn", p.trainingStarted().toString())));
            }
            if (p.graduated() != null) {
                events.add(TopicPublisher.event(EventType.MENTOR_GRADUATED, p.id(),
                        data("graduatedOn", p.graduated().toString())));
            }
            if (p.withdrew() != null) {
                events.add(TopicPublisher.event(EventType.MENTOR_WITHDREW, p.id(),
                        data("withdrewOn", p.withdrew().toString())));
            }
            for (App a : p.apps()) {
                events.add(TopicPublisher.event(EventType.APPLICATION_SUBMITTED, p.id(), data("applicationId", a.id(),
                        "role", "Peer Support Worker", "level", p.hire() == null ? "entry" : p.hire().level(),
                        "livedExperience", a.lived(), "route", a.lived() ? "academy" : "public",
                        "submittedOn", a.submitted().toString())));
            }
            if (p.hire() != null) {
                events.add(TopicPublisher.event(EventType.CANDIDATE_HIRED, p.id(), data("applicationId",
                        p.hire().applicationId(), "role", "Peer Support Worker", "level", p.hire().level(),
                        "appointedOn", p.hire().appointed().toString(), "startedOn", p.hire().started().toString())));
            }
            for (Promo pr : p.promotions()) {
                events.add(TopicPublisher.event(EventType.EMPLOYEE_PROMOTED, p.id(),
                        data("level", pr.level(), "promotedOn", pr.on().toString())));
            }
            if (p.left() != null) {
                events.add(TopicPublisher.event(EventType.EMPLOYEE_LEFT, p.id(), data("leftOn", p.left().toString())));
            }
            for (Sick s : p.sickness()) {
                events.add(TopicPublisher.event(EventType.SICKNESS_RECORDED, p.id(),
                        data("firstDay", s.firstDay().toString(), "days", s.days())));
            }
        }
        List<TopicPublisher.Sent> delivered = new ArrayList<>(events);
        delivered.addAll(events.subList(0, 60)); // redeliveries
        Collections.shuffle(delivered, new Random(2015));
        TopicPublisher.publishAll(PlatformInfra.start().kafkaBootstrapServers(), delivered);
    }

    static Person applicant(boolean lived, LocalDate submitted) {
        String id = id();
        return new Person(id, null, null, null, List.of(new App("APP-" + id.substring(56), lived, submitted)), null,
                List.of(), null, List.of());
    }

    // ----- expected figures, by plain arithmetic over PEOPLE -----

    static boolean inWindow(LocalDate date) { // TO is before AS_OF here
        return date != null && !date.isBefore(FROM) && !date.isAfter(TO);
    }

    static long workingDays(LocalDate from, LocalDate to) {
        long n = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                n++;
            }
        }
        return n;
    }

    static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2.0;
    }

    /** The disclosure rule written out: below the threshold; if exactly one, also the next smallest (or total). */
    static Set<String> suppressed(Map<String, Long> groups, long total, boolean totalShown) {
        Set<String> out = new HashSet<>();
        groups.forEach((g, n) -> {
            if (n < THRESHOLD) {
                out.add(g);
            }
        });
        boolean totalHidden = !totalShown || total < THRESHOLD;
        if (totalShown && total < THRESHOLD) {
            out.add("total");
        }
        if (out.size() == 1 && !totalHidden) {
            groups.entrySet().stream().filter(e -> !out.contains(e.getKey()))
                    .min(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .ifPresentOrElse(e -> out.add(e.getKey()), () -> out.add("total"));
        }
        return out;
    }

    static JsonPath progression() {
        return given().queryParam("from", FROM.toString()).queryParam("to", TO.toString())
                .queryParam("asOf", AS_OF.toString()).when().get("/v1/academy/progression").then().statusCode(200)
                .extract().jsonPath();
    }

    /** Asserts one table: row order, suppression and each shown figure (figures: name -> value per group). */
    static void assertTable(JsonPath r, String table, String groupField, Map<String, Map<String, Object>> expected,
                            Set<String> hidden) {
        List<String> groups = new ArrayList<>(expected.keySet());
        groups.remove("total");
        assertEquals(groups, r.getList(table + ".rows." + groupField), table);
        for (int i = 0; i <= groups.size(); i++) {
            String g = i < groups.size() ? groups.get(i) : "total";
            String path = i < groups.size() ? table + ".rows[" + i + "]." : table + ".total.";
            assertEquals(hidden.contains(g), r.getBoolean(path + "suppressed"), table + " " + g);
            for (Map.Entry<String, Object> f : expected.get(g).entrySet()) {
                Object actual = r.get(path + f.getKey());
                if (hidden.contains(g)) {
                    assertNull(actual, table + " " + g + " " + f.getKey());
                } else {
                    assertEquals(((Number) f.getValue()).doubleValue(), ((Number) actual).doubleValue(), 1e-9,
                            table + " " + g + " " + f.getKey());
                }
            }
        }
    }

    static Map<String, Object> figures(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static void assertAll(JsonPath r) {
        // Mentors.
        long inTraining = PEOPLE.stream().filter(p -> p.trainingStarted() != null && !p.trainingStarted().isAfter(AS_OF)
                && (p.graduated() == null || p.graduated().isAfter(AS_OF))
                && (p.withdrew() == null || p.withdrew().isAfter(AS_OF))).count();
        long graduated = PEOPLE.stream().filter(p -> inWindow(p.graduated())).count();
        long withdrew = PEOPLE.stream().filter(p -> inWindow(p.withdrew())).count();
        assertEquals(List.of(27L, 15L, 3L), List.of(inTraining, graduated, withdrew), "the generator's design");
        Map<String, Long> mentorSizes = new LinkedHashMap<>();
        mentorSizes.put("in-training", inTraining);
        mentorSizes.put("graduated", graduated);
        mentorSizes.put("withdrew", withdrew);
        assertEquals(List.of("in-training", "graduated", "withdrew"), r.getList("mentors.rows.status"));
        Set<String> hiddenMentors = suppressed(mentorSizes, 0, false);
        for (int i = 0; i < 3; i++) {
            String status = r.getString("mentors.rows[" + i + "].status");
            assertEquals(hiddenMentors.contains(status), r.getBoolean("mentors.rows[" + i + "].suppressed"));
            if (!hiddenMentors.contains(status)) {
                assertEquals(mentorSizes.get(status), r.getLong("mentors.rows[" + i + "].people"));
            }
        }

        // Recruitment: applications submitted in the window, hires of them by asOf.
        Map<String, long[]> rec = new LinkedHashMap<>(); // applicants, applications, hires
        for (String g : List.of("yes", "no", "total")) {
            rec.put(g, new long[3]);
        }
        for (Person p : PEOPLE) {
            for (App a : p.apps()) {
                if (!inWindow(a.submitted())) {
                    continue;
                }
                boolean hired = p.hire() != null && p.hire().applicationId().equals(a.id())
                        && !p.hire().appointed().isAfter(AS_OF);
                for (String g : List.of(a.lived() ? "yes" : "no", "total")) {
                    rec.get(g)[0]++; // one application each in this data
                    rec.get(g)[1]++;
                    rec.get(g)[2] += hired ? 1 : 0;
                }
            }
        }
        Map<String, Map<String, Object>> recExpected = new LinkedHashMap<>();
        rec.forEach((g, v) -> recExpected.put(g, figures("people", v[0], "applications", v[1], "hires", v[2],
                "hireRate", (double) v[2] / v[1])));
        assertEquals(0.25, (double) rec.get("yes")[2] / rec.get("yes")[1], 1e-12);
        assertTable(r, "recruitment", "livedExperience", recExpected,
                suppressed(Map.of("yes", rec.get("yes")[0], "no", rec.get("no")[0]), rec.get("total")[0], true));

        // Time to start: hires appointed in the window that started by asOf.
        Map<String, List<Long>> days = new LinkedHashMap<>();
        for (String g : List.of("yes", "no", "total")) {
            days.put(g, new ArrayList<>());
        }
        for (Person p : PEOPLE) {
            if (p.hire() != null && inWindow(p.hire().appointed()) && !p.hire().started().isAfter(AS_OF)) {
                long n = workingDays(p.hire().appointed(), p.hire().started());
                days.get(p.group()).add(n);
                days.get("total").add(n);
            }
        }
        Map<String, Map<String, Object>> ttsExpected = new LinkedHashMap<>();
        days.forEach((g, v) -> ttsExpected.put(g, figures("people", (long) v.size(), "hires", (long) v.size(),
                "medianWorkingDaysToStart", median(v))));
        assertTable(r, "timeToStart", "livedExperience", ttsExpected, suppressed(Map.of("yes",
                (long) days.get("yes").size(), "no", (long) days.get("no").size()), days.get("total").size(), true));

        // Retention: started in the window, 12+ months before asOf; left before the first anniversary.
        Map<String, long[]> ret = new LinkedHashMap<>();
        for (String g : List.of("yes", "no", "total")) {
            ret.put(g, new long[2]);
        }
        for (Person p : PEOPLE) {
            if (p.hire() == null || !inWindow(p.hire().started()) || p.hire().started().plusMonths(12).isAfter(AS_OF)) {
                continue;
            }
            boolean left = p.left() != null && p.left().isBefore(p.hire().started().plusMonths(12));
            for (String g : List.of(p.group(), "total")) {
                ret.get(g)[0]++;
                ret.get(g)[1] += left ? 1 : 0;
            }
        }
        Map<String, Map<String, Object>> retExpected = new LinkedHashMap<>();
        ret.forEach((g, v) -> retExpected.put(g, figures("people", v[0], "leftWithin12Months", v[1],
                "leftWithin12MonthsRate", (double) v[1] / v[0])));
        assertTable(r, "retention", "livedExperience", retExpected,
                suppressed(Map.of("yes", ret.get("yes")[0], "no", ret.get("no")[0]), ret.get("total")[0], true));

        // Promotions dated in the window (only people with lived experience were promoted in 2014).
        long promotedPeople = 0, promotions = 0;
        for (Person p : PEOPLE) {
            long n = p.promotions().stream().filter(pr -> inWindow(pr.on())).count();
            promotions += n;
            promotedPeople += n > 0 ? 1 : 0;
            assertTrue(n == 0 || p.group().equals("yes"));
        }
        Map<String, Map<String, Object>> promExpected = new LinkedHashMap<>();
        promExpected.put("yes", figures("people", promotedPeople, "promotions", promotions));
        promExpected.put("total", figures("people", promotedPeople, "promotions", promotions));
        assertTable(r, "promotions", "livedExperience", promExpected,
                suppressed(Map.of("yes", promotedPeople), promotedPeople, true));

        // Sickness over the employed days in 2014.
        Map<String, long[]> sick = new LinkedHashMap<>(); // people, sickness days, employed days
        for (String g : List.of("yes", "no", "total")) {
            sick.put(g, new long[3]);
        }
        for (Person p : PEOPLE) {
            if (p.hire() == null || p.hire().started().isAfter(TO)) {
                continue;
            }
            LocalDate lo = p.hire().started().isAfter(FROM) ? p.hire().started() : FROM;
            LocalDate hi = p.left() != null && p.left().isBefore(TO) ? p.left() : TO;
            if (hi.isBefore(lo)) {
                continue;
            }
            long employed = ChronoUnit.DAYS.between(lo, hi) + 1;
            long sickDays = p.sickness().stream().filter(s -> !s.firstDay().isBefore(lo) && !s.firstDay().isAfter(hi))
                    .mapToLong(Sick::days).sum();
            for (String g : List.of(p.group(), "total")) {
                sick.get(g)[0]++;
                sick.get(g)[1] += sickDays;
                sick.get(g)[2] += employed;
            }
        }
        Map<String, Map<String, Object>> sickExpected = new LinkedHashMap<>();
        sick.forEach((g, v) -> sickExpected.put(g, figures("people", v[0], "sicknessDays", v[1],
                "employeeYears", v[2] / YEAR, "sicknessDaysPerEmployeeYear", v[1] / (v[2] / YEAR))));
        assertTable(r, "sickness", "livedExperience", sickExpected,
                suppressed(Map.of("yes", sick.get("yes")[0], "no", sick.get("no")[0]), sick.get("total")[0], true));

        // Employees with lived experience on asOf, by their level then.
        Map<String, Long> levels = new LinkedHashMap<>();
        for (String l : List.of("entry", "intermediate", "managerial")) {
            levels.put(l, 0L);
        }
        for (Person p : PEOPLE) {
            if (p.hire() == null || !p.group().equals("yes") || p.hire().started().isAfter(AS_OF)
                    || (p.left() != null && p.left().isBefore(AS_OF))) {
                continue;
            }
            String level = p.hire().level();
            LocalDate latest = null;
            for (Promo pr : p.promotions()) {
                if (!pr.on().isAfter(AS_OF) && (latest == null || !pr.on().isBefore(latest))) {
                    latest = pr.on();
                    level = pr.level();
                }
            }
            levels.merge(level, 1L, Long::sum);
        }
        long employees = levels.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(Map.of("entry", 39L, "intermediate", 12L, "managerial", 3L), levels, "the generator's design");
        Map<String, Map<String, Object>> levelExpected = new LinkedHashMap<>();
        levels.forEach((l, n) -> levelExpected.put(l, figures("people", n)));
        levelExpected.put("total", figures("people", employees));
        assertTable(r, "employeesWithLivedExperience", "level", levelExpected, suppressed(levels, employees, true));
    }

    @Test
    void everyFigureMatchesTheGeneratedPeopleWhateverTheOrderAndRepeats() {
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> assertAll(progression()));
        JsonPath r = progression();
        assertEquals(AS_OF.toString(), r.getString("asOf"));
        assertEquals(THRESHOLD, r.getInt("suppressionThreshold"));
        assertTrue(r.getString("definitions.sickness").contains("employeeYears"));
        assertTrue(r.getString("definitions.recruitment").contains("submission date"));
    }

    @Test
    void stocksFollowAsOf() {
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> assertAll(progression()));
        // On 2014-04-01 the mentors who had started and not yet graduated or withdrawn were in training.
        LocalDate asOf = d("2014-04-01");
        long inTraining = PEOPLE.stream().filter(p -> p.trainingStarted() != null && !p.trainingStarted().isAfter(asOf)
                && (p.graduated() == null || p.graduated().isAfter(asOf))
                && (p.withdrew() == null || p.withdrew().isAfter(asOf))).count();
        JsonPath r = given().queryParam("asOf", asOf.toString()).when().get("/v1/academy/progression").then()
                .statusCode(200).extract().jsonPath();
        assertEquals("in-training", r.getString("mentors.rows[0].status"));
        assertEquals(inTraining, r.getLong("mentors.rows[0].people"));
        // No window: the recruitment flows count every application up to asOf.
        long applications = PEOPLE.stream().flatMap(p -> p.apps().stream()).filter(a -> !a.submitted().isAfter(asOf))
                .count();
        assertEquals(applications, r.getLong("recruitment.total.applications"));
    }

    @Test
    void csvHasTheSameRows() throws Exception {
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> assertAll(progression()));
        String csv = given().accept("text/csv").queryParam("from", FROM.toString()).queryParam("to", TO.toString())
                .queryParam("asOf", AS_OF.toString()).when().get("/v1/academy/progression").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        List<List<String>> lines = CsvLines.parse(csv);
        assertEquals(List.of("table", "group", "people", "applications", "hires", "hireRate",
                "medianWorkingDaysToStart", "leftWithin12Months", "leftWithin12MonthsRate", "promotions",
                "sicknessDays", "employeeYears", "sicknessDaysPerEmployeeYear", "suppressed"), lines.get(0));
        JsonPath json = progression();
        Map<String, List<String>> byKey = new HashMap<>();
        for (List<String> cells : lines.subList(1, lines.size())) {
            assertEquals(14, cells.size(), cells.toString());
            byKey.put(cells.get(0) + "/" + cells.get(1), cells);
        }
        int rows = 3;
        for (String table : List.of("recruitment", "timeToStart", "retention", "promotions", "sickness",
                "employeesWithLivedExperience")) {
            rows += json.getList(table + ".rows").size() + 1;
        }
        assertEquals(rows, lines.size() - 1);
        assertEquals(List.of(String.valueOf(json.getLong("recruitment.rows[0].people")),
                String.valueOf(json.getLong("recruitment.rows[0].applications")),
                String.valueOf(json.getLong("recruitment.rows[0].hires")), "0.25"),
                byKey.get("recruitment/yes").subList(2, 6));
        assertEquals("true", byKey.get("mentors/withdrew").get(13));
        assertEquals("", byKey.get("mentors/withdrew").get(2));
        assertEquals(json.getDouble("sickness.total.sicknessDaysPerEmployeeYear"),
                Double.parseDouble(byKey.get("sickness/total").get(12)), 1e-12);
        assertEquals(json.getDouble("timeToStart.total.medianWorkingDaysToStart"),
                Double.parseDouble(byKey.get("time-to-start/total").get(6)), 1e-12);
        assertTrue(byKey.containsKey("employees-with-lived-experience/entry"));
    }

    @Test
    void badParametersAre400Problems() {
        given().queryParam("asOf", "last-tuesday").when().get("/v1/academy/progression").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("/query/asOf"));
        given().queryParam("from", "2014-02-01").queryParam("to", "2014-01-31").when().get("/v1/academy/progression")
                .then().statusCode(400).body("errors.rule", hasItem("not-before-from"));
    }
}
