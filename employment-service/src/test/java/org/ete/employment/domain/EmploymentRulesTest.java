package org.ete.employment.domain;

import org.ete.contracts.EventType;
import org.ete.contracts.JobEnded;
import org.ete.contracts.JobStarted;
import org.ete.contracts.JobSustained;
import org.ete.contracts.Sector;
import org.ete.eventkit.domain.DomainEvent;
import org.ete.eventkit.domain.RuleViolation;
import org.ete.servicekit.problem.Problem;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The employment rules over in-memory streams of typed {@link DomainEvent}s, without Quarkus. */
class EmploymentRulesTest {
    static final String PERSON = "e".repeat(64);

    final EmploymentRules rules = new EmploymentRules();

    static DomainEvent started(String jobId, String on) {
        LocalDate startedOn = LocalDate.parse(on);
        return new DomainEvent(EventType.JOB_STARTED, PERSON, startedOn,
                new JobStarted(jobId, Sector.WAREHOUSING, "Trentside Ltd", 37.5, startedOn));
    }

    static DomainEvent sustained(String jobId, String on) {
        LocalDate sustainedOn = LocalDate.parse(on);
        return new DomainEvent(EventType.JOB_SUSTAINED, PERSON, sustainedOn, new JobSustained(jobId, sustainedOn));
    }

    static DomainEvent ended(String jobId, String on) {
        LocalDate endedOn = LocalDate.parse(on);
        return new DomainEvent(EventType.JOB_ENDED, PERSON, endedOn, new JobEnded(jobId, endedOn, Optional.empty()));
    }

    /** A person's accepted events, oldest first, as the ingest hands them to the rules. */
    static List<DomainEvent> history(DomainEvent... events) {
        return List.of(events);
    }

    void assertBroken(DomainEvent candidate, List<DomainEvent> history, int status, String rule, String field) {
        Problem p = assertThrows(RuleViolation.class, () -> rules.check(candidate, history)).problem();
        assertEquals(status, p.status(), p.toString());
        assertEquals(rule, p.rule(), p.toString());
        assertEquals(field, p.errors().get(0).field(), p.toString());
    }

    void assertAccepted(DomainEvent candidate, List<DomainEvent> history) {
        assertDoesNotThrow(() -> rules.check(candidate, history));
    }

    @Test
    void historyFoldsEachJobById() {
        EmploymentHistory jobs = EmploymentHistory.of(history(started("A", "2020-01-06"), started("B", "2020-02-03"),
                sustained("A", "2020-04-06"), ended("A", "2020-09-30"), ended("X", "2020-10-01")));
        assertEquals(new EmploymentHistory.Job("A", LocalDate.parse("2020-01-06"), LocalDate.parse("2020-04-06"),
                LocalDate.parse("2020-09-30")), jobs.find("A").orElseThrow());
        assertEquals(new EmploymentHistory.Job("B", LocalDate.parse("2020-02-03"), null, null), jobs.find("B").orElseThrow());
        assertTrue(jobs.find("X").isEmpty(), "an end of an unknown job starts nothing");
    }

    @Test
    void aJobIsStartedOnceButAPersonMayHoldSeveral() {
        List<DomainEvent> h = history(started("A", "2020-01-06"));
        assertBroken(started("A", "2020-03-01"), h, 409, "job-started-once", "/data/jobId");
        assertAccepted(started("B", "2020-01-06"), h);
        assertAccepted(started("A", "2020-01-06"), List.of());
    }

    @Test
    void sustainedAndEndedNeedAStartedJob() {
        assertBroken(sustained("A", "2020-06-01"), List.of(), 422, "job-started-required", "/data/jobId");
        assertBroken(ended("A", "2020-06-01"), List.of(), 422, "job-started-required", "/data/jobId");
        assertBroken(sustained("B", "2020-06-01"), history(started("A", "2020-01-06")),
                422, "job-started-required", "/data/jobId");
    }

    @Test
    void sustainedNotBeforeStartPlus91Days() {
        List<DomainEvent> h = history(started("A", "2020-01-06"));
        assertEquals(LocalDate.parse("2020-04-06"), LocalDate.parse("2020-01-06").plusDays(91));
        assertBroken(sustained("A", "2020-04-05"), h, 422, "sustained-after-13-weeks", "/data/sustainedOn");
        assertAccepted(sustained("A", "2020-04-06"), h);
    }

    @Test
    void sustainedOnce() {
        assertBroken(sustained("A", "2020-05-01"), history(started("A", "2020-01-06"), sustained("A", "2020-04-06")),
                409, "job-sustained-once", "/data/jobId");
    }

    @Test
    void endedNotBeforeStartAndOnce() {
        List<DomainEvent> h = history(started("A", "2020-01-06"));
        assertBroken(ended("A", "2020-01-05"), h, 422, "ended-not-before-start", "/data/endedOn");
        assertAccepted(ended("A", "2020-01-06"), h);
        assertBroken(ended("A", "2020-03-01"), history(started("A", "2020-01-06"), ended("A", "2020-02-01")),
                409, "job-ended-once", "/data/jobId");
    }

    @Test
    void sustainedAndEndedAgreeWhicheverArrivesFirst() {
        List<DomainEvent> endedEarly = history(started("A", "2020-01-06"), ended("A", "2020-04-30"));
        assertAccepted(sustained("A", "2020-04-30"), endedEarly);
        assertBroken(sustained("A", "2020-05-01"), endedEarly, 422, "sustained-not-after-end", "/data/sustainedOn");

        List<DomainEvent> sustainedFirst = history(started("A", "2020-01-06"), sustained("A", "2020-05-01"));
        assertBroken(ended("A", "2020-04-30"), sustainedFirst, 422, "ended-not-before-sustained", "/data/endedOn");
        assertAccepted(ended("A", "2020-05-01"), sustainedFirst);
    }

    @Test
    void rulesOfOneJobDoNotTouchAnother() {
        List<DomainEvent> h = history(started("A", "2020-01-06"), sustained("A", "2020-04-06"), ended("A", "2020-06-01"),
                started("B", "2020-06-15"));
        assertAccepted(sustained("B", "2020-09-14"), h);
        assertAccepted(ended("B", "2020-06-15"), h);
        assertBroken(sustained("B", "2020-09-13"), h, 422, "sustained-after-13-weeks", "/data/sustainedOn");
    }

}
