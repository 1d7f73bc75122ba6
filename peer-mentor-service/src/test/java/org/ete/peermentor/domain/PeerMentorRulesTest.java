package org.ete.peermentor.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.contracts.EventType;
import org.ete.contracts.Level;
import org.ete.eventkit.domain.IncomingEvent;
import org.ete.eventkit.domain.RuleViolation;
import org.ete.eventkit.store.StoredEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.ete.contracts.EventType.APPLICATION_SUBMITTED;
import static org.ete.contracts.EventType.CANDIDATE_HIRED;
import static org.ete.contracts.EventType.EMPLOYEE_LEFT;
import static org.ete.contracts.EventType.EMPLOYEE_PROMOTED;
import static org.ete.contracts.EventType.MENTOR_GRADUATED;
import static org.ete.contracts.EventType.MENTOR_TRAINING_STARTED;
import static org.ete.contracts.EventType.MENTOR_WITHDREW;
import static org.ete.contracts.EventType.SICKNESS_RECORDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PeerMentorRules against streams built in memory: no broker, no database. */
class PeerMentorRulesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PERSON = "b".repeat(64);

    final PeerMentorRules rules = new PeerMentorRules();
    final List<StoredEvent> history = new ArrayList<>();

    static ObjectNode data(Object... kv) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            n.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        }
        return n;
    }

    static ObjectNode trainingStarted(String on) {
        return data("intakeId", "ACAD-2022-SPRING", "startedOn", on);
    }

    static ObjectNode submitted(String applicationId, String level, String on) {
        return data("applicationId", applicationId, "role", "Peer Support Worker", "level", level,
                "livedExperience", true, "route", "academy", "submittedOn", on);
    }

    static ObjectNode hired(String applicationId, String level, String appointedOn, String startedOn) {
        return data("applicationId", applicationId, "role", "Peer Support Worker", "level", level,
                "appointedOn", appointedOn, "startedOn", startedOn);
    }

    static IncomingEvent incoming(EventType type, ObjectNode data) {
        return new IncomingEvent(type.type(), 1, PERSON, "urn:test", UUID.randomUUID().toString(), null,
                type.occurredAt(data), data);
    }

    /** Checks, then appends as the store would. */
    void accept(EventType type, ObjectNode data) {
        IncomingEvent e = incoming(type, data);
        rules.check(e, List.copyOf(history));
        history.add(new StoredEvent(history.size() + 1, PERSON, history.size() + 1, type.type(), 1, e.occurredAt(),
                Instant.now(), e.source(), e.id(), null, data, null, null));
    }

    void assertRule(EventType type, ObjectNode data, int status, String rule, String field) {
        RuleViolation v = assertThrows(RuleViolation.class, () -> rules.check(incoming(type, data), List.copyOf(history)));
        assertEquals(status, v.problem().status(), v.getMessage());
        assertEquals(rule, v.problem().rule(), v.getMessage());
        assertEquals(field, v.problem().errors().get(0).field());
    }

    void hiredAsEntryOn(String startedOn) {
        accept(APPLICATION_SUBMITTED, submitted("APP-1", "entry", "2023-01-16"));
        accept(CANDIDATE_HIRED, hired("APP-1", "entry", "2023-02-20", startedOn));
    }

    // ---- mentor training ----

    @Test
    void trainingMayRestartOnlyAfterAWithdrawal() {
        accept(MENTOR_TRAINING_STARTED, trainingStarted("2022-04-04"));
        assertRule(MENTOR_TRAINING_STARTED, trainingStarted("2022-05-01"), 409, "mentor-training-in-progress", "/subject");
        accept(MENTOR_WITHDREW, data("withdrewOn", "2022-05-20", "reason", "Moved"));
        assertRule(MENTOR_TRAINING_STARTED, trainingStarted("2022-05-19"), 422, "restart-not-before-withdrawal",
                "/data/startedOn");
        accept(MENTOR_TRAINING_STARTED, trainingStarted("2022-09-05"));
        accept(MENTOR_GRADUATED, data("graduatedOn", "2022-12-02"));
        assertRule(MENTOR_TRAINING_STARTED, trainingStarted("2023-01-09"), 409, "mentor-already-graduated", "/subject");
        AcademyRecord record = AcademyRecord.of(history);
        assertEquals(2, record.trainings().size());
        assertEquals(LocalDate.parse("2022-12-02"), record.currentTraining().orElseThrow().graduatedOn());
    }

    @Test
    void graduationAndWithdrawalNeedTrainingAndHappenOnceNotBeforeTheStart() {
        assertRule(MENTOR_GRADUATED, data("graduatedOn", "2022-07-01"), 422, "mentor-training-required", "/subject");
        assertRule(MENTOR_WITHDREW, data("withdrewOn", "2022-07-01"), 422, "mentor-training-required", "/subject");
        accept(MENTOR_TRAINING_STARTED, trainingStarted("2022-04-04"));
        assertRule(MENTOR_GRADUATED, data("graduatedOn", "2022-04-03"), 422, "mentor-finished-not-before-start",
                "/data/graduatedOn");
        assertRule(MENTOR_WITHDREW, data("withdrewOn", "2022-04-03"), 422, "mentor-finished-not-before-start",
                "/data/withdrewOn");
        accept(MENTOR_GRADUATED, data("graduatedOn", "2022-07-01"));
        assertRule(MENTOR_GRADUATED, data("graduatedOn", "2022-07-02"), 409, "mentor-training-already-finished",
                "/subject");
        assertRule(MENTOR_WITHDREW, data("withdrewOn", "2022-07-02"), 409, "mentor-training-already-finished",
                "/subject");
    }

    @Test
    void aWithdrawnTraineeCannotGraduateOrWithdrawAgainUntilRestarting() {
        accept(MENTOR_TRAINING_STARTED, trainingStarted("2022-04-04"));
        accept(MENTOR_WITHDREW, data("withdrewOn", "2022-04-04"));
        assertRule(MENTOR_GRADUATED, data("graduatedOn", "2022-07-01"), 409, "mentor-training-already-finished",
                "/subject");
        accept(MENTOR_TRAINING_STARTED, trainingStarted("2022-04-04")); // same day as the withdrawal is fine
        accept(MENTOR_GRADUATED, data("graduatedOn", "2022-07-01"));
    }

    // ---- applications and hires ----

    @Test
    void applicationIdIsUsedOncePerCandidate() {
        accept(APPLICATION_SUBMITTED, submitted("APP-1", "entry", "2023-01-16"));
        assertRule(APPLICATION_SUBMITTED, submitted("APP-1", "intermediate", "2023-02-01"), 409,
                "application-submitted-once", "/data/applicationId");
        accept(APPLICATION_SUBMITTED, submitted("APP-2", "intermediate", "2023-02-01"));
    }

    @Test
    void aHireNeedsASubmittedApplicationAndHappensOncePerApplication() {
        assertRule(CANDIDATE_HIRED, hired("APP-1", "entry", "2023-02-20", "2023-03-13"), 422, "application-required",
                "/data/applicationId");
        accept(APPLICATION_SUBMITTED, submitted("APP-1", "entry", "2023-01-16"));
        accept(CANDIDATE_HIRED, hired("APP-1", "entry", "2023-02-20", "2023-03-13"));
        assertRule(CANDIDATE_HIRED, hired("APP-1", "entry", "2023-02-20", "2023-03-13"), 409, "candidate-hired-once",
                "/data/applicationId");
        accept(APPLICATION_SUBMITTED, submitted("APP-2", "managerial", "2023-04-01"));
        assertRule(CANDIDATE_HIRED, hired("APP-2", "managerial", "2023-05-01", "2023-05-15"), 409,
                "employee-already-hired", "/subject");
    }

    @Test
    void hireDatesFollowTheApplication() {
        accept(APPLICATION_SUBMITTED, submitted("APP-1", "entry", "2023-01-16"));
        assertRule(CANDIDATE_HIRED, hired("APP-1", "entry", "2023-01-15", "2023-03-13"), 422,
                "appointment-not-before-submission", "/data/appointedOn");
        assertRule(CANDIDATE_HIRED, hired("APP-1", "entry", "2023-02-20", "2023-02-19"), 422,
                "start-not-before-appointment", "/data/startedOn");
        accept(CANDIDATE_HIRED, hired("APP-1", "entry", "2023-01-16", "2023-01-16")); // all on one day is fine
    }

    @Test
    void aLeaverMayBeRehiredAfterTheirLastDay() {
        hiredAsEntryOn("2023-03-13");
        accept(EMPLOYEE_LEFT, data("leftOn", "2023-06-30"));
        accept(APPLICATION_SUBMITTED, submitted("APP-2", "intermediate", "2023-06-01"));
        assertRule(CANDIDATE_HIRED, hired("APP-2", "intermediate", "2023-06-15", "2023-06-30"), 422,
                "rehire-after-leaving", "/data/startedOn");
        accept(CANDIDATE_HIRED, hired("APP-2", "intermediate", "2023-06-15", "2023-07-03"));
        AcademyRecord record = AcademyRecord.of(history);
        assertEquals(2, record.employments().size());
        assertEquals(Level.INTERMEDIATE, record.currentEmployment().orElseThrow().level());
        assertFalse(record.currentEmployment().orElseThrow().left());
        accept(EMPLOYEE_PROMOTED, data("level", "managerial", "promotedOn", "2023-09-01"));
    }

    // ---- employees ----

    @Test
    void promotionLeavingAndSicknessNeedAnEmployee() {
        accept(APPLICATION_SUBMITTED, submitted("APP-1", "entry", "2023-01-16")); // applied, not hired
        assertRule(EMPLOYEE_PROMOTED, data("level", "intermediate", "promotedOn", "2023-06-01"), 422,
                "employee-required", "/subject");
        assertRule(EMPLOYEE_LEFT, data("leftOn", "2023-06-01"), 422, "employee-required", "/subject");
        assertRule(SICKNESS_RECORDED, data("firstDay", "2023-06-01", "days", 2), 422, "employee-required", "/subject");
    }

    @Test
    void aPromotionGoesUpFromTheCurrentLevel() {
        hiredAsEntryOn("2023-03-13");
        assertRule(EMPLOYEE_PROMOTED, data("level", "entry", "promotedOn", "2023-06-01"), 422, "promotion-goes-up",
                "/data/level");
        accept(EMPLOYEE_PROMOTED, data("level", "intermediate", "promotedOn", "2023-06-01"));
        assertRule(EMPLOYEE_PROMOTED, data("level", "intermediate", "promotedOn", "2023-09-01"), 422,
                "promotion-goes-up", "/data/level");
        assertRule(EMPLOYEE_PROMOTED, data("level", "managerial", "promotedOn", "2023-05-31"), 422,
                "promotion-not-before-previous", "/data/promotedOn");
        accept(EMPLOYEE_PROMOTED, data("level", "managerial", "promotedOn", "2023-06-01"));
        assertEquals(Level.MANAGERIAL, AcademyRecord.of(history).currentEmployment().orElseThrow().level());
        assertRule(EMPLOYEE_PROMOTED, data("level", "managerial", "promotedOn", "2023-10-01"), 422,
                "promotion-goes-up", "/data/level");
    }

    @Test
    void aHireAtAHigherLevelSetsTheStartingLevel() {
        accept(APPLICATION_SUBMITTED, submitted("APP-1", "intermediate", "2023-01-16"));
        accept(CANDIDATE_HIRED, hired("APP-1", "intermediate", "2023-02-20", "2023-03-13"));
        assertRule(EMPLOYEE_PROMOTED, data("level", "intermediate", "promotedOn", "2023-06-01"), 422,
                "promotion-goes-up", "/data/level");
        assertRule(EMPLOYEE_PROMOTED, data("level", "managerial", "promotedOn", "2023-03-12"), 422,
                "promotion-not-before-start", "/data/promotedOn");
        accept(EMPLOYEE_PROMOTED, data("level", "managerial", "promotedOn", "2023-03-13"));
    }

    @Test
    void aLeaverIsNotPromotedAndLeavesOnce() {
        hiredAsEntryOn("2023-03-13");
        assertRule(EMPLOYEE_LEFT, data("leftOn", "2023-03-12"), 422, "left-not-before-start", "/data/leftOn");
        accept(EMPLOYEE_PROMOTED, data("level", "intermediate", "promotedOn", "2023-06-01"));
        assertRule(EMPLOYEE_LEFT, data("leftOn", "2023-05-31"), 422, "left-not-before-promotion", "/data/leftOn");
        accept(EMPLOYEE_LEFT, data("leftOn", "2023-06-01"));
        assertRule(EMPLOYEE_LEFT, data("leftOn", "2023-07-01"), 409, "employee-left-once", "/subject");
        assertRule(EMPLOYEE_PROMOTED, data("level", "managerial", "promotedOn", "2023-05-01"), 422,
                "employee-has-left", "/data/promotedOn");
    }

    @Test
    void sicknessFallsWithinEmploymentAndIsRecordedOncePerFirstDay() {
        hiredAsEntryOn("2023-03-13");
        assertRule(SICKNESS_RECORDED, data("firstDay", "2023-03-10", "days", 2), 422, "sickness-not-before-start",
                "/data/firstDay");
        accept(SICKNESS_RECORDED, data("firstDay", "2023-03-13", "days", 2));
        assertRule(SICKNESS_RECORDED, data("firstDay", "2023-03-13", "days", 3), 409, "sickness-recorded-once",
                "/data/firstDay");
        accept(EMPLOYEE_LEFT, data("leftOn", "2023-06-30"));
        accept(SICKNESS_RECORDED, data("firstDay", "2023-06-30", "days", 1)); // on the last day: fine
        accept(SICKNESS_RECORDED, data("firstDay", "2023-05-02", "days", 4)); // reported late: fine
        assertRule(SICKNESS_RECORDED, data("firstDay", "2023-07-01", "days", 1), 422, "employee-has-left",
                "/data/firstDay");
    }

    @Test
    void sicknessBetweenTwoSpellsIsAfterLeaving() {
        hiredAsEntryOn("2023-03-13");
        accept(EMPLOYEE_LEFT, data("leftOn", "2023-04-28"));
        accept(APPLICATION_SUBMITTED, submitted("APP-2", "entry", "2023-05-02"));
        accept(CANDIDATE_HIRED, hired("APP-2", "entry", "2023-05-10", "2023-06-05"));
        assertRule(SICKNESS_RECORDED, data("firstDay", "2023-05-15", "days", 1), 422, "employee-has-left",
                "/data/firstDay");
        accept(SICKNESS_RECORDED, data("firstDay", "2023-04-03", "days", 1)); // in the first spell
        accept(SICKNESS_RECORDED, data("firstDay", "2023-06-05", "days", 1)); // in the second
        assertTrue(AcademyRecord.of(history).sicknessRecordedFrom(LocalDate.parse("2023-06-05")));
    }
}
