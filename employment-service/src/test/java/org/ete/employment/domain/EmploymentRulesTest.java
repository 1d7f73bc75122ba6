package org.ete.employment.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.contracts.EventType;
import org.ete.eventkit.domain.IncomingEvent;
import org.ete.eventkit.domain.RuleViolation;
import org.ete.servicekit.problem.Problem;
import org.ete.eventkit.store.StoredEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The employment rules over in-memory streams of {@link StoredEvent}s, without Quarkus. */
class EmploymentRulesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PERSON = "e".repeat(64);

    final EmploymentRules rules = new EmploymentRules();

    static IncomingEvent incoming(EventType type, Object... kv) {
        ObjectNode data = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            data.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        }
        return new IncomingEvent(type.type(), 1, PERSON, "urn:test", UUID.randomUUID().toString(), null,
                type.occurredAt(data), data);
    }

    static IncomingEvent started(String jobId, String on) {
        return incoming(EventType.JOB_STARTED, "jobId", jobId, "sector", "warehousing", "employer", "Trentside Ltd",
                "hoursPerWeek", 37.5, "startedOn", on);
    }

    static IncomingEvent sustained(String jobId, String on) {
        return incoming(EventType.JOB_SUSTAINED, "jobId", jobId, "sustainedOn", on);
    }

    static IncomingEvent ended(String jobId, String on) {
        return incoming(EventType.JOB_ENDED, "jobId", jobId, "endedOn", on);
    }

    static List<StoredEvent> history(IncomingEvent... events) {
        List<StoredEvent> out = new ArrayList<>();
        for (IncomingEvent e : events) {
            out.add(new StoredEvent(out.size() + 1L, PERSON, out.size() + 1, e.type(), 1, e.occurredAt(),
                    Instant.EPOCH, e.source(), e.id(), null, e.data(), null, null));
        }
        return out;
    }

    void assertBroken(IncomingEvent candidate, List<StoredEvent> history, int status, String rule, String field) {
        Problem p = assertThrows(RuleViolation.class, () -> rules.check(candidate, history)).problem();
        assertEquals(status, p.status(), p.toString());
        assertEquals(rule, p.rule(), p.toString());
        assertEquals(field, p.errors().get(0).field(), p.toString());
    }

    void assertAccepted(IncomingEvent candidate, List<StoredEvent> history) {
        assertDoesNotThrow(() -> rules.check(candidate, history));
    }

    @Test
    void jobsFoldEachJobById() {
        Jobs jobs = Jobs.of(history(started("A", "2020-01-06"), started("B", "2020-02-03"),
                sustained("A", "2020-04-06"), ended("A", "2020-09-30"), ended("X", "2020-10-01")));
        assertEquals(new Jobs.Job("A", LocalDate.parse("2020-01-06"), LocalDate.parse("2020-04-06"),
                LocalDate.parse("2020-09-30")), jobs.find("A").orElseThrow());
        assertEquals(new Jobs.Job("B", LocalDate.parse("2020-02-03"), null, null), jobs.find("B").orElseThrow());
        assertTrue(jobs.find("X").isEmpty(), "an end of an unknown job starts nothing");
    }

    @Test
    void aJobIsStartedOnceButAPersonMayHoldSeveral() {
        List<StoredEvent> h = history(started("A", "2020-01-06"));
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
        List<StoredEvent> h = history(started("A", "2020-01-06"));
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
        List<StoredEvent> h = history(started("A", "2020-01-06"));
        assertBroken(ended("A", "2020-01-05"), h, 422, "ended-not-before-start", "/data/endedOn");
        assertAccepted(ended("A", "2020-01-06"), h);
        assertBroken(ended("A", "2020-03-01"), history(started("A", "2020-01-06"), ended("A", "2020-02-01")),
                409, "job-ended-once", "/data/jobId");
    }

    @Test
    void sustainedAndEndedAgreeWhicheverArrivesFirst() {
        List<StoredEvent> endedEarly = history(started("A", "2020-01-06"), ended("A", "2020-04-30"));
        assertAccepted(sustained("A", "2020-04-30"), endedEarly);
        assertBroken(sustained("A", "2020-05-01"), endedEarly, 422, "sustained-not-after-end", "/data/sustainedOn");

        List<StoredEvent> sustainedFirst = history(started("A", "2020-01-06"), sustained("A", "2020-05-01"));
        assertBroken(ended("A", "2020-04-30"), sustainedFirst, 422, "ended-not-before-sustained", "/data/endedOn");
        assertAccepted(ended("A", "2020-05-01"), sustainedFirst);
    }

    @Test
    void rulesOfOneJobDoNotTouchAnother() {
        List<StoredEvent> h = history(started("A", "2020-01-06"), sustained("A", "2020-04-06"), ended("A", "2020-06-01"),
                started("B", "2020-06-15"));
        assertAccepted(sustained("B", "2020-09-14"), h);
        assertAccepted(ended("B", "2020-06-15"), h);
        assertBroken(sustained("B", "2020-09-13"), h, 422, "sustained-after-13-weeks", "/data/sustainedOn");
    }

}
