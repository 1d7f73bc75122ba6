package org.ete.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.contracts.Level;
import org.ete.contracts.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every generated event of the default seed is a valid CloudEvent of the catalogue (envelope rules, subject shape,
 * JSON Schema of its type with format assertions), and every person's history, read in file order, obeys the rules
 * the producing services enforce (re-stated here from DESIGN.md / the services' rule tables, independently of the
 * generator), so posting the files gives no rejections.
 */
class SchemaAndRulesTest {

    static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    static final Set<String> ATTRIBUTES = Set.of("specversion", "id", "source", "type", "subject", "data", "time",
            "datacontenttype", "dataschema", "traceparent", "tracestate");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    static final Map<String, List<JsonNode>> FILES = new HashMap<>();

    @BeforeAll
    static void read() {
        Path dir = Fixtures.defaultRun();
        for (String f : Generator.FILES) {
            FILES.put(f.substring(0, f.indexOf('.')), Fixtures.events(dir.resolve(f)));
        }
    }

    private final List<String> problems = new ArrayList<>();

    private void problem(JsonNode e, String what) {
        if (problems.size() < 30) {
            problems.add(what + " in " + e);
        }
    }

    private void assertNoProblems() {
        if (!problems.isEmpty()) {
            fail(problems.size() + "+ problems, e.g.:\n" + String.join("\n", problems));
        }
    }

    @Test
    void everyEventIsAValidCloudEventOfItsServiceAndValidatesAgainstItsSchema() {
        Map<EventType, Schema> schemas = new EnumMap<>(EventType.class);
        Set<String> ids = new HashSet<>();
        long count = 0;
        Map<EventType, Integer> perType = new EnumMap<>(EventType.class);
        for (Map.Entry<String, List<JsonNode>> file : FILES.entrySet()) {
            Service service = Service.fromId(file.getKey()).orElseThrow();
            LocalDate previous = LocalDate.MIN;
            for (JsonNode e : file.getValue()) {
                count++;
                for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    if (!ATTRIBUTES.contains(name)) {
                        problem(e, "unknown attribute " + name);
                    }
                }
                if (!"1.0".equals(e.path("specversion").asText())) {
                    problem(e, "specversion");
                }
                String id = e.path("id").asText();
                if (id.isEmpty() || id.length() > 200) {
                    problem(e, "id length");
                }
                if (!e.path("source").asText().equals("urn:ete:simulator:" + service.id())) {
                    problem(e, "source");
                }
                if (!ids.add(e.path("source").asText() + " " + id)) {
                    problem(e, "repeated source+id");
                }
                EventType type = EventType.fromType(e.path("type").asText()).orElse(null);
                if (type == null || type.service() != service) {
                    problem(e, "type not of " + service.id());
                    continue;
                }
                perType.merge(type, 1, Integer::sum);
                if (!type.subjectKind().matches(e.path("subject").asText())) {
                    problem(e, "subject is not " + type.subjectKind().description());
                }
                JsonNode data = e.path("data");
                List<Error> errors = schemas.computeIfAbsent(type, t -> REGISTRY.getSchema(EventCatalogue.schemaText(t)))
                        .validate(data);
                if (!errors.isEmpty()) {
                    problem(e, "schema: " + errors);
                }
                for (Map.Entry<String, LocalDate> d : type.dates(data).entrySet()) {
                    if (d.getValue().isAfter(TODAY)) {
                        problem(e, d.getKey() + " is in the future");
                    }
                }
                LocalDate occurred = type.occurredAt(data);
                if (occurred.isBefore(previous)) {
                    problem(e, "file not in the order things happened");
                }
                previous = occurred;
            }
        }
        assertNoProblems();
        assertEquals(Fixtures.defaultStats().events(), count);
        // Every partner event type of the catalogue occurs.
        for (EventType t : EventCatalogue.partnerEvents()) {
            assertTrue(perType.getOrDefault(t, 0) > 0, "no " + t.type() + " generated");
        }
    }

    private static LocalDate date(JsonNode data, String field) {
        return LocalDate.parse(data.path(field).asText());
    }

    private static final class Referral {
        LocalDate referred;
        LocalDate takenUp;
        LocalDate closed;
    }

    @Test
    void referralHistoriesObeyTheReferralServiceRules() {
        Map<String, Referral> people = new HashMap<>();
        for (JsonNode e : FILES.get("referral")) {
            JsonNode d = e.path("data");
            Referral r = people.get(e.path("subject").asText());
            switch (EventType.fromType(e.path("type").asText()).orElseThrow()) {
                case REFERRAL_RECEIVED -> {
                    if (r != null) {
                        problem(e, "a second referral");
                    }
                    r = new Referral();
                    r.referred = date(d, "referralDate");
                    people.put(e.path("subject").asText(), r);
                    if (Period.between(date(d, "dateOfBirth"), r.referred).getYears() < 18) {
                        problem(e, "under 18 at referral");
                    }
                    JsonNode f = d.path("ogrs3Factors");
                    if (f.isObject() && f.path("ageAtFirstSanction").asInt() > f.path("ageAtCurrentConviction").asInt()) {
                        problem(e, "first sanction after current conviction");
                    }
                }
                case SERVICE_TAKEN_UP -> {
                    LocalDate t = date(d, "takenUpOn");
                    if (r == null) {
                        problem(e, "take-up before referral");
                    } else if (r.takenUp != null) {
                        problem(e, "second take-up");
                    } else if (t.isBefore(r.referred) || (r.closed != null && t.isAfter(r.closed))) {
                        problem(e, "take-up date outside the referral");
                    } else {
                        r.takenUp = t;
                    }
                }
                case RELEASED_FROM_CUSTODY -> {
                    if (r == null) {
                        problem(e, "release of an unknown person");
                    }
                }
                case RECONVICTION_RECORDED -> {
                    if (r == null) {
                        problem(e, "reconviction of an unknown person");
                    }
                    if (date(d, "offenceDate").isAfter(date(d, "sentenceDate"))) {
                        problem(e, "offence after sentence");
                    }
                }
                case REFERRAL_CLOSED -> {
                    LocalDate c = date(d, "closedOn");
                    if (r == null || r.closed != null) {
                        problem(e, "closure without an open referral");
                    } else if (c.isBefore(r.referred) || (r.takenUp != null && c.isBefore(r.takenUp))) {
                        problem(e, "closed before referral or take-up");
                    } else {
                        r.closed = c;
                    }
                }
                default -> problem(e, "not a referral event");
            }
        }
        assertNoProblems();
    }

    @Test
    void jobsAndCoursesObeyTheirServicesRulesAndStartAfterTakeUp() {
        Map<String, LocalDate> takenUp = new HashMap<>();
        for (JsonNode e : FILES.get("referral")) {
            if (e.path("type").asText().equals(EventType.SERVICE_TAKEN_UP.type())) {
                takenUp.put(e.path("subject").asText(), date(e.path("data"), "takenUpOn"));
            }
        }
        Map<String, LocalDate[]> jobs = new HashMap<>(); // start, sustained, ended
        for (JsonNode e : FILES.get("employment")) {
            JsonNode d = e.path("data");
            String key = e.path("subject").asText() + "|" + d.path("jobId").asText();
            LocalDate[] j = jobs.get(key);
            switch (EventType.fromType(e.path("type").asText()).orElseThrow()) {
                case JOB_STARTED -> {
                    if (j != null) {
                        problem(e, "job started twice");
                    }
                    LocalDate start = date(d, "startedOn");
                    LocalDate t = takenUp.get(e.path("subject").asText());
                    if (t == null || start.isBefore(t)) {
                        problem(e, "job before take-up");
                    }
                    jobs.put(key, new LocalDate[] {start, null, null});
                }
                case JOB_SUSTAINED -> {
                    LocalDate s = date(d, "sustainedOn");
                    if (j == null || j[1] != null) {
                        problem(e, "sustained without a started job, or twice");
                    } else if (s.isBefore(j[0].plusDays(91)) || (j[2] != null && s.isAfter(j[2]))) {
                        problem(e, "sustained before 13 weeks or after the end");
                    } else {
                        j[1] = s;
                    }
                }
                case JOB_ENDED -> {
                    LocalDate end = date(d, "endedOn");
                    if (j == null || j[2] != null) {
                        problem(e, "ended without a started job, or twice");
                    } else if (!end.isAfter(j[0]) || (j[1] != null && end.isBefore(j[1]))) {
                        problem(e, "ended not after the start, or before sustained");
                    } else {
                        j[2] = end;
                    }
                }
                default -> problem(e, "not an employment event");
            }
        }
        Map<String, LocalDate[]> courses = new HashMap<>(); // start, finished
        for (JsonNode e : FILES.get("training")) {
            JsonNode d = e.path("data");
            String key = e.path("subject").asText() + "|" + d.path("courseId").asText();
            LocalDate[] c = courses.get(key);
            EventType type = EventType.fromType(e.path("type").asText()).orElseThrow();
            if (type == EventType.COURSE_STARTED) {
                if (c != null) {
                    problem(e, "course started twice");
                }
                LocalDate t = takenUp.get(e.path("subject").asText());
                if (t == null || date(d, "startedOn").isBefore(t)) {
                    problem(e, "course before take-up");
                }
                courses.put(key, new LocalDate[] {date(d, "startedOn"), null});
            } else {
                LocalDate end = type.occurredAt(d);
                if (c == null || c[1] != null) {
                    problem(e, "finished without a start, or twice");
                } else if (end.isBefore(c[0])) {
                    problem(e, "finished before the start");
                } else {
                    c[1] = end;
                }
            }
        }
        assertNoProblems();
    }

    private static final class Candidate {
        LocalDate trainingStart;
        LocalDate graduated;
        LocalDate withdrew;
        final Map<String, LocalDate> applications = new HashMap<>();
        final Set<String> hiredApplications = new HashSet<>();
        LocalDate started;
        LocalDate left;
        Level level;
        LocalDate lastPromotion;
        final Set<LocalDate> sickness = new HashSet<>();
    }

    @Test
    void academyHistoriesObeyThePeerMentorServiceRules() {
        Map<String, Candidate> all = new HashMap<>();
        for (JsonNode e : FILES.get("peer-mentor")) {
            JsonNode d = e.path("data");
            Candidate c = all.computeIfAbsent(e.path("subject").asText(), s -> new Candidate());
            EventType type = EventType.fromType(e.path("type").asText()).orElseThrow();
            LocalDate on = type.occurredAt(d);
            if (on.isAfter(LocalDate.of(2023, 6, 30))) {
                problem(e, "after the Academy snapshot");
            }
            switch (type) {
                case MENTOR_TRAINING_STARTED -> {
                    if (c.trainingStart != null && c.graduated == null && c.withdrew == null) {
                        problem(e, "training in progress");
                    } else if (c.graduated != null) {
                        problem(e, "already graduated");
                    } else if (c.withdrew != null && on.isBefore(c.withdrew)) {
                        problem(e, "restart before withdrawal");
                    }
                    c.trainingStart = on;
                    c.graduated = null;
                    c.withdrew = null;
                }
                case MENTOR_GRADUATED, MENTOR_WITHDREW -> {
                    if (c.trainingStart == null || c.graduated != null || c.withdrew != null) {
                        problem(e, "no training in progress");
                    } else if (on.isBefore(c.trainingStart)) {
                        problem(e, "ended before the start");
                    } else if (type == EventType.MENTOR_GRADUATED) {
                        c.graduated = on;
                    } else {
                        c.withdrew = on;
                    }
                }
                case APPLICATION_SUBMITTED -> {
                    if (c.applications.put(d.path("applicationId").asText(), on) != null) {
                        problem(e, "application submitted twice");
                    }
                }
                case CANDIDATE_HIRED -> {
                    String app = d.path("applicationId").asText();
                    LocalDate submitted = c.applications.get(app);
                    LocalDate start = date(d, "startedOn");
                    if (submitted == null || !c.hiredApplications.add(app)) {
                        problem(e, "hire without an application, or twice");
                    } else if (c.started != null && c.left == null) {
                        problem(e, "already employed");
                    } else if (on.isBefore(submitted) || start.isBefore(on)) {
                        problem(e, "appointed before applying or started before appointment");
                    } else {
                        c.started = start;
                        c.left = null;
                        c.level = Level.fromWire(d.path("level").asText());
                        c.lastPromotion = null;
                    }
                }
                case EMPLOYEE_PROMOTED -> {
                    Level level = Level.fromWire(d.path("level").asText());
                    if (c.started == null || c.left != null) {
                        problem(e, "promotion of a non-employee");
                    } else if (level.compareTo(c.level) <= 0 || on.isBefore(c.started)
                            || (c.lastPromotion != null && on.isBefore(c.lastPromotion))) {
                        problem(e, "promotion not up, or before start/previous");
                    } else {
                        c.level = level;
                        c.lastPromotion = on;
                    }
                }
                case EMPLOYEE_LEFT -> {
                    if (c.started == null || c.left != null) {
                        problem(e, "leaving of a non-employee");
                    } else if (on.isBefore(c.started) || (c.lastPromotion != null && on.isBefore(c.lastPromotion))) {
                        problem(e, "left before start or promotion");
                    } else {
                        c.left = on;
                    }
                }
                case SICKNESS_RECORDED -> {
                    if (c.started == null) {
                        problem(e, "sickness of a non-employee");
                    } else if (!c.sickness.add(on)) {
                        problem(e, "sickness recorded twice");
                    } else if (on.isBefore(c.started) || (c.left != null && on.isAfter(c.left))) {
                        problem(e, "sickness outside employment");
                    }
                }
                default -> problem(e, "not an Academy event");
            }
        }
        assertNoProblems();
    }
}
