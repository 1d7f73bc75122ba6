package org.ete.training.domain;

import org.ete.contracts.CourseCompleted;
import org.ete.contracts.CourseStarted;
import org.ete.contracts.CourseWithdrawn;
import org.ete.contracts.EventType;
import org.ete.contracts.Qualification;
import org.ete.eventkit.domain.DomainEvent;
import org.ete.eventkit.domain.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TrainingRules against streams of typed events built in memory: no broker, no database. */
class TrainingRulesTest {
    static final String PERSON = "a".repeat(64);

    final TrainingRules rules = new TrainingRules();
    final List<DomainEvent> history = new ArrayList<>();

    static DomainEvent started(String courseId, String on) {
        LocalDate startedOn = LocalDate.parse(on);
        return new DomainEvent(EventType.COURSE_STARTED, PERSON, startedOn,
                new CourseStarted(courseId, Qualification.CSCS, "Skills Ltd", startedOn));
    }

    static DomainEvent completed(String courseId, String on) {
        LocalDate completedOn = LocalDate.parse(on);
        return new DomainEvent(EventType.COURSE_COMPLETED, PERSON, completedOn,
                new CourseCompleted(courseId, completedOn, true));
    }

    static DomainEvent withdrawn(String courseId, String on) {
        LocalDate withdrawnOn = LocalDate.parse(on);
        return new DomainEvent(EventType.COURSE_WITHDRAWN, PERSON, withdrawnOn,
                new CourseWithdrawn(courseId, withdrawnOn, Optional.empty()));
    }

    /** Checks, then appends as the store would. */
    void accept(DomainEvent e) {
        rules.check(e, List.copyOf(history));
        history.add(e);
    }

    RuleViolation rejected(DomainEvent e) {
        return assertThrows(RuleViolation.class, () -> rules.check(e, List.copyOf(history)));
    }

    static void assertRule(RuleViolation v, int status, String rule, String field) {
        assertEquals(status, v.problem().status());
        assertEquals(rule, v.problem().rule());
        assertEquals(field, v.problem().errors().get(0).field());
    }

    @Test
    void severalCoursesEachStartedAndEndedOnce() {
        accept(started("C1", "2021-04-12"));
        accept(started("C2", "2021-04-12"));
        accept(completed("C1", "2021-04-12")); // same day as the start is fine
        accept(withdrawn("C2", "2021-05-01"));
        TrainingHistory courses = TrainingHistory.of(history);
        assertEquals(2, courses.size());
        assertEquals(LocalDate.parse("2021-04-12"), courses.find("C1").orElseThrow().completedOn());
        assertEquals(LocalDate.parse("2021-05-01"), courses.find("C2").orElseThrow().withdrawnOn());
        assertTrue(courses.find("C2").orElseThrow().finished());
    }

    @Test
    void aCourseIsStartedOnce() {
        accept(started("C1", "2021-04-12"));
        assertRule(rejected(started("C1", "2021-06-01")), 409, "course-started-once", "/data/courseId");
    }

    @Test
    void anEndingNeedsAStartedCourseOfThatPerson() {
        accept(started("C1", "2021-04-12"));
        assertRule(rejected(completed("C2", "2021-05-01")), 422, "course-started-required", "/data/courseId");
        assertRule(rejected(withdrawn("C2", "2021-05-01")), 422, "course-started-required", "/data/courseId");
    }

    @Test
    void aCourseEndsOnceAndNotBothWays() {
        accept(started("C1", "2021-04-12"));
        accept(completed("C1", "2021-05-01"));
        assertRule(rejected(completed("C1", "2021-05-02")), 409, "course-already-finished", "/data/courseId");
        assertRule(rejected(withdrawn("C1", "2021-05-02")), 409, "course-already-finished", "/data/courseId");

        accept(started("C2", "2021-04-12"));
        accept(withdrawn("C2", "2021-05-01"));
        assertRule(rejected(withdrawn("C2", "2021-05-02")), 409, "course-already-finished", "/data/courseId");
        assertRule(rejected(completed("C2", "2021-05-02")), 409, "course-already-finished", "/data/courseId");
    }

    @Test
    void anEndingIsNotBeforeTheStart() {
        accept(started("C1", "2021-04-12"));
        assertRule(rejected(completed("C1", "2021-04-11")), 422, "finished-not-before-start", "/data/completedOn");
        assertRule(rejected(withdrawn("C1", "2021-04-11")), 422, "finished-not-before-start", "/data/withdrawnOn");
        assertDoesNotThrow(() -> rules.check(withdrawn("C1", "2021-04-12"), history));
    }

    @Test
    void aRepeatEndingIsAConflictWhateverItsDate() {
        accept(started("C1", "2021-04-12"));
        accept(completed("C1", "2021-05-01"));
        assertRule(rejected(completed("C1", "2021-01-01")), 409, "course-already-finished", "/data/courseId");
    }
}
