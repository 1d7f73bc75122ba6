package org.ete.analysis.ete.api;

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
import org.ete.analysis.definitions.Definitions;
import org.ete.contracts.EventType;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ETE outputs view through the real topics and HTTP. The test generates people who took up the service in
 * January-February 2016 (a window no other IT uses), with jobs and courses, publishes their events shuffled and with
 * redeliveries, and computes every expected figure here with plain arithmetic over the generated people.
 */
@QuarkusTest
@WithTestResource(PlatformInfraResource.class)
class EteOutputsIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String FROM = "2016-01-01";
    static final String TO = "2016-12-31";
    static final int THRESHOLD = 10;
    static final String SMALL_MONTH_FROM = "2015-06-01";
    static final String SMALL_MONTH_TO = "2015-06-30";
    static final int SMALL_MONTH_PEOPLE = 4;
    static final LocalDate FIRST_TAKE_UP = LocalDate.parse("2016-01-04");
    static final String DERBY = "Derby ETE 2016";
    static final String LEICESTER = "Leicester ETE 2016";
    static final String EREWASH = "Erewash ETE 2016";

    record Job(String id, String sector, LocalDate startedOn, LocalDate sustainedOn) {
    }

    record Course(String id, String qualification, LocalDate startedOn, LocalDate completedOn, boolean achieved) {
    }

    record Person(String id, String team, LocalDate tookUpOn, List<Job> jobs, List<Course> courses) {
    }

    static final List<Person> PEOPLE = new ArrayList<>();

    static ObjectNode data(Object... kv) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            n.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        }
        return n;
    }

    @BeforeAll
    static void publishPeople() {
        RestAssured.config = RestAssured.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        List<TopicPublisher.Sent> events = new ArrayList<>();
        // 54 people: three teams (18, 12 and 4 people) with a referral, 20 whose referral is not seen. Fewer than 10
        // of the referred people find work, so the reoffending view's found-work cohort stays suppressed for the
        // other ITs that rely on that.
        for (int i = 0; i < 54; i++) {
            String id = String.format("%064x", 0x2016_0000_0000L + i);
            String team = i < 18 ? DERBY : i < 30 ? LEICESTER : i < 34 ? EREWASH : null;
            LocalDate takeUp = FIRST_TAKE_UP.plusDays(i);
            List<Job> jobs = new ArrayList<>();
            boolean works = team != null ? i % 4 == 1 : i % 5 != 0;
            if (works) {
                LocalDate start = takeUp.plusDays(20 + i);
                String sector = team != null ? (i % 8 == 1 ? "warehousing" : "construction")
                        : (i % 2 == 0 ? "warehousing" : "construction");
                jobs.add(new Job("J1", sector, start, i % 3 != 2 ? start.plusDays(91 + i % 5) : null));
            }
            if (i == 36 || i == 38 || i == 42) {
                jobs.add(new Job("J2", "retail", takeUp.plusDays(90), null));
            }
            if (i == 44 || i == 46) {
                jobs.add(new Job("J3", "cleaning", takeUp.plusDays(100), takeUp.plusDays(200)));
            }
            if (i == 34) { // a second warehousing job: two jobs, one person
                jobs.add(new Job("J4", "warehousing", takeUp.plusDays(150), takeUp.plusDays(250)));
            }
            if (i % 7 == 0) { // before take-up: not an ETE output
                jobs.add(new Job("J0", "driving", takeUp.minusDays(10), null));
            }
            List<Course> courses = new ArrayList<>();
            if (i % 2 == 0) {
                LocalDate done = takeUp.plusDays(30 + i);
                courses.add(new Course("C1", "cscs", done.minusDays(5), done, i % 4 == 0));
            }
            if (i % 8 == 0) { // a second CSCS course: two completions, one person
                LocalDate done = takeUp.plusDays(120);
                courses.add(new Course("C2", "cscs", done.minusDays(5), done, true));
            }
            if (i % 5 == 0) {
                LocalDate done = takeUp.plusDays(45);
                courses.add(new Course("C3", "nvq", done.minusDays(20), done, true));
            }
            if (i % 4 == 1) {
                LocalDate done = takeUp.plusDays(25);
                courses.add(new Course("C4", "fork-lift", done.minusDays(2), done, i % 8 == 1));
            }
            if (i % 11 == 3) { // completed before take-up: not an ETE output
                LocalDate done = takeUp.minusDays(5);
                courses.add(new Course("C5", "health-and-safety", done.minusDays(3), done, true));
            }
            if (i >= 2 && i <= 4) {
                LocalDate done = takeUp.plusDays(40);
                courses.add(new Course("C7", "health-and-safety", done.minusDays(3), done, true));
            }
            if (i == 6 || i == 7) {
                LocalDate done = takeUp.plusDays(60);
                courses.add(new Course("C8", "vocational", done.minusDays(30), done, false));
            }
            if (i % 7 == 1) { // started, never completed
                courses.add(new Course("C6", "vocational", takeUp.plusDays(10), null, false));
            }
            Person p = new Person(id, team, takeUp, jobs, courses);
            PEOPLE.add(p);

            if (team != null) {
                events.add(TopicPublisher.event(EventType.REFERRAL_RECEIVED, id, data("referralDate",
                        takeUp.minusDays(14).toString(), "setting", "community", "contractArea", "EOIT",
                        "region", "EOIT", "team", team, "office", "EOIT", "gender", i % 2 == 0 ? "male" : "female",
                        "dateOfBirth", "1980-01-01", "ethnicity", "white", "offenceCategory", "violence",
                        "ogrs3OneYearPercent", 30, "ogrs3TwoYearPercent", 45)));
            }
            events.add(TopicPublisher.event(EventType.SERVICE_TAKEN_UP, id, data("takenUpOn", takeUp.toString())));
            for (Job j : jobs) {
                events.add(TopicPublisher.event(EventType.JOB_STARTED, id, data("jobId", j.id(), "sector", j.sector(),
                        "employer", "Trentside Logistics", "hoursPerWeek", 37.5,
                        "startedOn", j.startedOn().toString())));
                if (j.sustainedOn() != null) {
                    events.add(TopicPublisher.event(EventType.JOB_SUSTAINED, id, data("jobId", j.id(),
                            "sustainedOn", j.sustainedOn().toString())));
                }
            }
            for (Course c : courses) {
                events.add(TopicPublisher.event(EventType.COURSE_STARTED, id, data("courseId", c.id(),
                        "qualification", c.qualification(), "provider", "DBC Training", "startedOn",
                        c.startedOn().toString())));
                if (c.completedOn() != null) {
                    events.add(TopicPublisher.event(EventType.COURSE_COMPLETED, id, data("courseId", c.id(),
                            "completedOn", c.completedOn().toString(), "achieved", c.achieved())));
                }
            }
        }
        // Four more people, alone in June 2015 (no referral, no jobs): a whole month of fewer than 10 take-ups, since
        // windows are whole calendar months.
        for (int i = 0; i < SMALL_MONTH_PEOPLE; i++) {
            String id = String.format("%064x", 0x2015_0600_0000L + i);
            LocalDate takeUp = LocalDate.parse(SMALL_MONTH_FROM).plusDays(i);
            PEOPLE.add(new Person(id, null, takeUp, List.of(), List.of()));
            events.add(TopicPublisher.event(EventType.SERVICE_TAKEN_UP, id, data("takenUpOn", takeUp.toString())));
        }
        List<TopicPublisher.Sent> delivered = new ArrayList<>(events);
        delivered.addAll(events.subList(0, 40)); // redelivered duplicates
        Collections.shuffle(delivered, new Random(2016));
        TopicPublisher.publishAll(PlatformInfra.start().kafkaBootstrapServers(), delivered);
    }

    // ----- expected figures, by plain arithmetic over PEOPLE -----

    static boolean in(LocalDate d, String from, String to) {
        return d != null && !d.isBefore(LocalDate.parse(from)) && !d.isAfter(LocalDate.parse(to));
    }

    static List<Job> jobsSinceTakeUp(Person p) {
        return p.jobs().stream().filter(j -> !j.startedOn().isBefore(p.tookUpOn())).toList();
    }

    /** {tookUp, foundWork, sustained} of people who took up in the window, in one team group (null = everyone). */
    static long[] outputs(String from, String to, String team) {
        long[] c = new long[3];
        for (Person p : PEOPLE) {
            String group = p.team() == null ? "not-known" : p.team();
            if (!in(p.tookUpOn(), from, to) || (team != null && !group.equals(team))) {
                continue;
            }
            c[0]++;
            List<Job> jobs = jobsSinceTakeUp(p);
            if (!jobs.isEmpty()) {
                c[1]++;
                if (jobs.stream().anyMatch(j -> j.sustainedOn() != null)) {
                    c[2]++;
                }
            }
        }
        return c;
    }

    /** The disclosure rule written out: below the threshold; if exactly one, also the next smallest (or total). */
    static Set<String> suppressed(Map<String, Long> groups, long total) {
        Set<String> out = new HashSet<>();
        groups.forEach((g, n) -> {
            if (n < THRESHOLD) {
                out.add(g);
            }
        });
        boolean totalHidden = total < THRESHOLD;
        if (totalHidden) {
            out.add("total");
        }
        if (out.size() == 1 && !totalHidden) {
            groups.entrySet().stream().filter(e -> !out.contains(e.getKey()))
                    .min(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .ifPresentOrElse(e -> out.add(e.getKey()), () -> out.add("total"));
        }
        return out;
    }

    static JsonPath get(String... params) {
        var request = given();
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.when().get("/v1/ete/outputs").then().statusCode(200).extract().jsonPath();
    }

    static void awaitAllApplied() {
        long[] all = outputs(FROM, TO, null);
        long jobs = PEOPLE.stream().mapToLong(p -> jobsSinceTakeUp(p).size()).sum();
        long completed = PEOPLE.stream().flatMap(p -> p.courses().stream()
                .filter(c -> c.completedOn() != null && !c.completedOn().isBefore(p.tookUpOn()))).count();
        long sustainedJobs = PEOPLE.stream().flatMap(p -> p.jobs().stream())
                .filter(j -> j.sustainedOn() != null).count();
        long referred = PEOPLE.stream().filter(p -> p.team() != null).count();
        // Figures are null while too few events have arrived: ignore those exceptions until everything is in.
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
            // Every referral applied too (the team rows depend on them): the reoffending view counts exactly the
            // people with a referral who took up in the window, and by asOf 2018 all of them have matured.
            assertEquals(referred, given().queryParam("from", FROM).queryParam("to", TO)
                    .queryParam("asOf", "2018-01-01").when().get("/v1/reoffending").then().statusCode(200)
                    .extract().jsonPath().getLong("total.people"));
            JsonPath r = get("from", FROM, "to", TO);
            assertEquals(all[0], r.getLong("tookUp"));
            assertEquals(all[2], r.getLong("sustained"));
            assertEquals(jobs, r.getLong("jobsStarted.total.jobs"));
            assertEquals(completed, r.getLong("coursesCompleted.total.completed"));
            assertTrue(sustainedJobs > 0);
        });
    }

    @Test
    void totalsMatchTheGeneratedPeopleWhateverTheOrderAndRepeats() {
        awaitAllApplied();
        JsonPath r = get("from", FROM, "to", TO);
        long[] c = outputs(FROM, TO, null);
        assertEquals(54, c[0]);
        assertEquals(c[0], r.getLong("tookUp"));
        assertEquals(c[1], r.getLong("foundWork"));
        assertEquals(c[2], r.getLong("sustained"));
        assertEquals((double) c[1] / c[0], r.getDouble("foundWorkRate"), 1e-12);
        assertEquals((double) c[2] / c[1], r.getDouble("sustainedRate"), 1e-12);
        assertEquals(false, r.getBoolean("suppressed"));
        assertEquals(List.of(), r.getList("rows"));
        assertEquals(THRESHOLD, r.getInt("suppressionThreshold"));
        assertEquals(FROM, r.getString("from"));
    }

    @Test
    void rowsByTeamWithPrimaryAndSecondarySuppression() {
        awaitAllApplied();
        JsonPath r = get("from", FROM, "to", TO, "by", "team");
        List<String> teams = List.of(DERBY, EREWASH, LEICESTER, "not-known"); // sorted by value
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String team : teams) {
            sizes.put(team, outputs(FROM, TO, team)[0]);
        }
        Set<String> hidden = suppressed(sizes, outputs(FROM, TO, null)[0]);
        assertEquals(Set.of(EREWASH, LEICESTER), hidden, "4 people, then the next smallest team (12)");

        assertEquals(List.of("team"), r.getList("by"));
        assertEquals(teams, r.getList("rows.group.team"));
        for (int i = 0; i < teams.size(); i++) {
            String team = r.getString("rows[" + i + "].group.team");
            boolean isHidden = hidden.contains(team);
            assertEquals(isHidden, r.getBoolean("rows[" + i + "].suppressed"), team);
            if (isHidden) {
                assertNull(r.get("rows[" + i + "].tookUp"));
                assertNull(r.get("rows[" + i + "].foundWorkRate"));
            } else {
                long[] c = outputs(FROM, TO, team);
                assertEquals(c[0], r.getLong("rows[" + i + "].tookUp"));
                assertEquals(c[1], r.getLong("rows[" + i + "].foundWork"));
                assertEquals(c[2], r.getLong("rows[" + i + "].sustained"));
                assertEquals((double) c[1] / c[0], r.getDouble("rows[" + i + "].foundWorkRate"), 1e-12);
            }
        }
        assertEquals(54, r.getLong("tookUp"), "the total stays shown");
    }

    /** Fig. 1 and Fig. 2 of the 2021 evaluation: completions and job starts dated in the window. */
    @Test
    void coursesByQualificationAndJobsBySector() {
        awaitAllApplied();
        JsonPath r = get("from", FROM, "to", TO);
        Map<String, long[]> courses = new LinkedHashMap<>(); // completed, achieved
        Map<String, Set<String>> coursePeople = new HashMap<>();
        Set<String> anyCourse = new HashSet<>();
        Map<String, Long> jobs = new LinkedHashMap<>();
        Map<String, Set<String>> jobPeople = new HashMap<>();
        Set<String> anyJob = new HashSet<>();
        for (Person p : PEOPLE) {
            for (Course c : p.courses()) {
                if (c.completedOn() != null && !c.completedOn().isBefore(p.tookUpOn())
                        && in(c.completedOn(), FROM, TO)) {
                    long[] n = courses.computeIfAbsent(c.qualification(), k -> new long[2]);
                    n[0]++;
                    n[1] += c.achieved() ? 1 : 0;
                    coursePeople.computeIfAbsent(c.qualification(), k -> new HashSet<>()).add(p.id());
                    anyCourse.add(p.id());
                }
            }
            for (Job j : jobsSinceTakeUp(p)) {
                if (in(j.startedOn(), FROM, TO)) {
                    jobs.merge(j.sector(), 1L, Long::sum);
                    jobPeople.computeIfAbsent(j.sector(), k -> new HashSet<>()).add(p.id());
                    anyJob.add(p.id());
                }
            }
        }
        // Completions and jobs before take-up are left out: only the three later health-and-safety courses count.
        assertEquals(3, courses.get("health-and-safety")[0]);
        assertTrue(!jobs.containsKey("driving"), "driving jobs all started before take-up");

        // Courses: rows in the contract's order (cscs, vocational, nvq, fork-lift, ...).
        List<String> qualifications = List.of("cscs", "vocational", "nvq", "fork-lift", "health-and-safety",
                "personal-track-safety", "functional-skills", "other").stream().filter(courses::containsKey).toList();
        assertEquals(qualifications, r.getList("coursesCompleted.rows.qualification"));
        Map<String, Long> courseSizes = new LinkedHashMap<>();
        qualifications.forEach(q -> courseSizes.put(q, (long) coursePeople.get(q).size()));
        Set<String> hiddenCourses = suppressed(courseSizes, anyCourse.size());
        for (int i = 0; i < qualifications.size(); i++) {
            String q = qualifications.get(i);
            String row = "coursesCompleted.rows[" + i + "].";
            assertEquals(hiddenCourses.contains(q), r.getBoolean(row + "suppressed"), q);
            if (hiddenCourses.contains(q)) {
                assertNull(r.get(row + "completed"));
            } else {
                assertEquals(courses.get(q)[0], r.getLong(row + "completed"), q);
                assertEquals(courses.get(q)[1], r.getLong(row + "achieved"), q);
                assertEquals(coursePeople.get(q).size(), r.getLong(row + "people"), q);
            }
        }
        assertTrue(courses.get("cscs")[0] > coursePeople.get("cscs").size(), "two completions by one person");
        assertEquals(courses.values().stream().mapToLong(n -> n[0]).sum(),
                r.getLong("coursesCompleted.total.completed"));
        assertEquals(courses.values().stream().mapToLong(n -> n[1]).sum(),
                r.getLong("coursesCompleted.total.achieved"));
        assertEquals(anyCourse.size(), r.getLong("coursesCompleted.total.people"));

        // Jobs.
        List<String> sectors = List.of("warehousing", "construction", "retail", "production", "driving",
                "hospitality", "manufacturing", "cleaning", "other").stream().filter(jobs::containsKey).toList();
        assertEquals(sectors, r.getList("jobsStarted.rows.sector"));
        Map<String, Long> jobSizes = new LinkedHashMap<>();
        sectors.forEach(s -> jobSizes.put(s, (long) jobPeople.get(s).size()));
        Set<String> hiddenJobs = suppressed(jobSizes, anyJob.size());
        assertEquals(Set.of("retail", "cleaning"), hiddenJobs, "3 and 2 people: two primaries need no secondary");
        for (int i = 0; i < sectors.size(); i++) {
            String s = sectors.get(i);
            String row = "jobsStarted.rows[" + i + "].";
            assertEquals(hiddenJobs.contains(s), r.getBoolean(row + "suppressed"), s);
            if (!hiddenJobs.contains(s)) {
                assertEquals(jobs.get(s), r.getLong(row + "jobs"), s);
                assertEquals(jobPeople.get(s).size(), r.getLong(row + "people"), s);
            } else {
                assertNull(r.get(row + "jobs"));
            }
        }
        assertEquals(jobs.values().stream().mapToLong(Long::longValue).sum(), r.getLong("jobsStarted.total.jobs"));
        assertEquals(anyJob.size(), r.getLong("jobsStarted.total.people"));
    }

    @Test
    void fewerThanTenPeopleShowNoFiguresTheTotalIncluded() {
        awaitAllApplied();
        // Take-ups in June 2015: four people.
        assertEquals(SMALL_MONTH_PEOPLE, outputs(SMALL_MONTH_FROM, SMALL_MONTH_TO, null)[0]);
        JsonPath r = get("from", SMALL_MONTH_FROM, "to", SMALL_MONTH_TO);
        assertEquals(true, r.getBoolean("suppressed"));
        assertNull(r.get("tookUp"));
        assertNull(r.get("foundWork"));
        assertNull(r.get("foundWorkRate"));
        assertNull(r.get("sustained"));
        assertNull(r.get("sustainedRate"));
        assertEquals(true, r.getBoolean("coursesCompleted.total.suppressed"));
        assertEquals(true, r.getBoolean("jobsStarted.total.suppressed"));
    }

    /** Parses CSV as RFC 4180 (the writer quotes some cells, e.g. long ones). */
    @Test
    void csvHasTheSameRows() throws Exception {
        awaitAllApplied();
        String csv = given().accept("text/csv").queryParam("from", FROM).queryParam("to", TO).queryParam("by", "team")
                .when().get("/v1/ete/outputs").then().statusCode(200).contentType(containsString("text/csv"))
                .extract().asString();
        List<List<String>> lines = CsvLines.parse(csv);
        assertEquals(List.of("table", "team", "qualification", "sector", "tookUp", "foundWork", "foundWorkRate",
                "sustained", "sustainedRate", "completed", "achieved", "jobs", "people", "suppressed", "from", "to", "asOf",
                "suppressionThreshold", "definitionsVersion"), lines.get(0));
        JsonPath json = get("from", FROM, "to", TO, "by", "team");
        int expectedRows = json.getList("rows").size() + 1 + json.getList("coursesCompleted.rows").size() + 1
                + json.getList("jobsStarted.rows").size() + 1;
        assertEquals(expectedRows + 1, lines.size());
        Map<String, List<String>> byKey = new HashMap<>();
        for (List<String> cells : lines.subList(1, lines.size())) {
            assertEquals(19, cells.size(), cells.toString());
            // every row says what it is a snapshot of
            assertEquals(List.of(FROM, TO, LocalDate.now().withDayOfMonth(1).toString(), "10",
                    Definitions.VERSION), cells.subList(14, 19), cells.toString());
            byKey.put(cells.get(0) + "/" + cells.get(1) + "/" + cells.get(2) + "/" + cells.get(3), cells);
        }
        long[] derby = outputs(FROM, TO, DERBY);
        List<String> derbyRow = byKey.get("outputs/" + DERBY + "//");
        assertEquals(List.of(String.valueOf(derby[0]), String.valueOf(derby[1])), derbyRow.subList(4, 6));
        assertEquals((double) derby[1] / derby[0], Double.parseDouble(derbyRow.get(6)), 1e-12);
        assertEquals("false", derbyRow.get(13));
        assertEquals(List.of("", "", "", "", "", "", "", "", "", "true"),
                byKey.get("outputs/" + LEICESTER + "//").subList(4, 14));
        assertEquals("54", byKey.get("outputs/total//").get(4));
        List<String> cscs = byKey.get("courses-completed//cscs/");
        assertEquals(String.valueOf(json.getLong("coursesCompleted.rows[0].completed")), cscs.get(9));
        assertEquals(String.valueOf(json.getLong("coursesCompleted.rows[0].people")), cscs.get(12));
        assertEquals(String.valueOf(json.getLong("jobsStarted.total.jobs")), byKey.get("jobs-started///total").get(11));
    }

    @Test
    void emptyWindowIsSuppressed() {
        given().queryParam("from", "1990-01-01").queryParam("to", "1990-01-31").when().get("/v1/ete/outputs")
                .then().statusCode(200).body("suppressed", equalTo(true)).body("tookUp", nullValue())
                .body("foundWorkRate", nullValue()).body("coursesCompleted.rows.size()", equalTo(0));
    }

    @Test
    void windowsAreWholeCalendarMonths() {
        given().queryParam("from", "2016-01-04").when().get("/v1/ete/outputs").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("/query/from"))
                .body("errors.rule", hasItem("first-day-of-month"));
        given().queryParam("to", "2016-01-30").when().get("/v1/ete/outputs").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("/query/to"))
                .body("errors.rule", hasItem("last-day-of-month"));
        given().queryParam("from", "2016-02-01").queryParam("to", "2016-02-29").when().get("/v1/ete/outputs").then()
                .statusCode(200);
    }

    @Test
    void badParametersAre400ProblemsNamingTheParameter() {
        given().queryParam("from", "2020-13-01").when().get("/v1/ete/outputs").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("/query/from"));
        given().queryParam("from", "2020-03-01").queryParam("to", "2020-02-29").when().get("/v1/ete/outputs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.rule", hasItem("not-before-from"));
        given().queryParam("by", "shoe-size").when().get("/v1/ete/outputs").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("/query/by"));
        given().queryParam("by", "team,team").when().get("/v1/ete/outputs").then().statusCode(400)
                .body("errors.rule", hasItem("unique"));
    }

    @Test
    void healthAndMetricsAnswer() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("ete_projection_applied_total"));
    }
}
