package org.ete.training.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.contracts.EventType;
import org.ete.eventkit.domain.IncomingEvent;
import org.ete.eventkit.domain.RuleViolation;
import org.ete.eventkit.store.StoredEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TrainingRules against streams built in memory: no broker, no database. */
class TrainingRulesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PERSON = "a".repeat(64);

    final TrainingRules rules = new TrainingRules();
    final List<StoredEvent> history = new ArrayList<>();

    static ObjectNode data(String... kv) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            n.put(kv[i], kv[i + 1]);
        }
        return n;
    }

    static ObjectNode started(String courseId, String on) {
        return data("courseId", courseId, "qualification", "cscs", "provider", "Skills Ltd", "startedOn", on);
    }

    static ObjectNode completed(String courseId, String on) {
        ObjectNode d = data("courseId", courseId, "completedOn", on);
        d.put("achieved", true);
        return d;
    }

    static ObjectNode withdrawn(String courseId, String on) {
        return data("courseId", courseId, "withdrawnOn", on);
    }

    static IncomingEvent incoming(EventType type, ObjectNode data) {
        return new IncomingEvent(type.type(), 1, PERSON, "urn:test", java.util.UUID.randomUUID().toString(), null,
                type.occurredAt(data), data);
    }

    /** Checks, then appends as the store would. */
    void accept(EventType type, ObjectNode data) {
        IncomingEvent e = incoming(type, data);
        rules.check(e, List.copyOf(history));
        history.add(new StoredEvent(history.size() + 1, PERSON, history.size() + 1, type.type(), 1, e.occurredAt(),
                Instant.now(), e.source(), e.id(), null, data, null, null));
    }

    RuleViolation rejected(EventType type, ObjectNode data) {
        return assertThrows(RuleViolation.class, () -> rules.check(incoming(type, data), List.copyOf(history)));
    }

    static void assertRule(RuleViolation v, int status, String rule, String field) {
        assertEquals(status, v.problem().status());
        assertEquals(rule, v.problem().rule());
        assertEquals(field, v.problem().errors().get(0).field());
    }

    @Test
    void severalCoursesEachStartedAndEndedOnce() {
        accept(EventType.COURSE_STARTED, started("C1", "2021-04-12"));
        accept(EventType.COURSE_STARTED, started("C2", "2021-04-12"));
        accept(EventType.COURSE_COMPLETED, completed("C1", "2021-04-12")); // same day as the start is fine
        accept(EventType.COURSE_WITHDRAWN, withdrawn("C2", "2021-05-01"));
        Courses courses = Courses.of(history);
        assertEquals(2, courses.size());
        assertEquals(LocalDate.parse("2021-04-12"), courses.find("C1").orElseThrow().completedOn());
        assertEquals(LocalDate.parse("2021-05-01"), courses.find("C2").orElseThrow().withdrawnOn());
        assertTrue(courses.find("C2").orElseThrow().finished());
    }

    @Test
    void aCourseIsStartedOnce() {
        accept(EventType.COURSE_STARTED, started("C1", "2021-04-12"));
        assertRule(rejected(EventType.COURSE_STARTED, started("C1", "2021-06-01")), 409, "course-started-once",
                "/data/courseId");
    }

    @Test
    void anEndingNeedsAStartedCourseOfThatPerson() {
        accept(EventType.COURSE_STARTED, started("C1", "2021-04-12"));
        assertRule(rejected(EventType.COURSE_COMPLETED, completed("C2", "2021-05-01")), 422,
                "course-started-required", "/data/courseId");
        assertRule(rejected(EventType.COURSE_WITHDRAWN, withdrawn("C2", "2021-05-01")), 422,
                "course-started-required", "/data/courseId");
    }

    @Test
    void aCourseEndsOnceAndNotBothWays() {
        accept(EventType.COURSE_STARTED, started("C1", "2021-04-12"));
        accept(EventType.COURSE_COMPLETED, completed("C1", "2021-05-01"));
        assertRule(rejected(EventType.COURSE_COMPLETED, completed("C1", "2021-05-02")), 409,
                "course-already-finished", "/data/courseId");
        assertRule(rejected(EventType.COURSE_WITHDRAWN, withdrawn("C1", "2021-05-02")), 409,
                "course-already-finished", "/data/courseId");

        accept(EventType.COURSE_STARTED, started("C2", "2021-04-12"));
        accept(EventType.COURSE_WITHDRAWN, withdrawn("C2", "2021-05-01"));
        assertRule(rejected(EventType.COURSE_WITHDRAWN, withdrawn("C2", "2021-05-02")), 409,
                "course-already-finished", "/data/courseId");
        assertRule(rejected(EventType.COURSE_COMPLETED, completed("C2", "2021-05-02")), 409,
                "course-already-finished", "/data/courseId");
    }

    @Test
    void anEndingIsNotBeforeTheStart() {
        accept(EventType.COURSE_STARTED, started("C1", "2021-04-12"));
        assertRule(rejected(EventType.COURSE_COMPLETED, completed("C1", "2021-04-11")), 422,
                "finished-not-before-start", "/data/completedOn");
        assertRule(rejected(EventType.COURSE_WITHDRAWN, withdrawn("C1", "2021-04-11")), 422,
                "finished-not-before-start", "/data/withdrawnOn");
        assertDoesNotThrow(() -> rules.check(incoming(EventType.COURSE_WITHDRAWN, withdrawn("C1", "2021-04-12")),
                history));
    }

    @Test
    void aRepeatEndingIsAConflictWhateverItsDate() {
        accept(EventType.COURSE_STARTED, started("C1", "2021-04-12"));
        accept(EventType.COURSE_COMPLETED, completed("C1", "2021-05-01"));
        assertRule(rejected(EventType.COURSE_COMPLETED, completed("C1", "2021-01-01")), 409,
                "course-already-finished", "/data/courseId");
    }
}
