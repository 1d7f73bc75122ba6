package org.ete.peermentor.domain;

import org.ete.contracts.ApplicationSubmitted;
import org.ete.contracts.CandidateHired;
import org.ete.contracts.EmployeeLeft;
import org.ete.contracts.EmployeePromoted;
import org.ete.contracts.EventPayload;
import org.ete.contracts.EventType;
import org.ete.contracts.Level;
import org.ete.contracts.MentorGraduated;
import org.ete.contracts.MentorTrainingStarted;
import org.ete.contracts.MentorWithdrew;
import org.ete.contracts.Route;
import org.ete.contracts.SicknessRecorded;
import org.ete.eventkit.domain.DomainEvent;
import org.ete.eventkit.domain.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

/** PeerMentorRules against streams of typed events built in memory: no broker, no database. */
class PeerMentorRulesTest {
    static final String PERSON = "b".repeat(64);

    final PeerMentorRules rules = new PeerMentorRules();
    final List<DomainEvent> history = new ArrayList<>();

    static DomainEvent event(EventType type, String occurredAt, EventPayload payload) {
        return new DomainEvent(type, PERSON, LocalDate.parse(occurredAt), payload);
    }

    static DomainEvent trainingStarted(String on) {
        return event(MENTOR_TRAINING_STARTED, on, new MentorTrainingStarted("ACAD-2022-SPRING", LocalDate.parse(on)));
    }

    static DomainEvent graduated(String on) {
        return event(MENTOR_GRADUATED, on, new MentorGraduated(LocalDate.parse(on)));
    }

    static DomainEvent withdrew(String on) {
        return event(MENTOR_WITHDREW, on, new MentorWithdrew(LocalDate.parse(on), Optional.empty()));
    }

    static DomainEvent withdrew(String on, String reason) {
        return event(MENTOR_WITHDREW, on, new MentorWithdrew(LocalDate.parse(on), Optional.of(reason)));
    }

    static DomainEvent submitted(String applicationId, Level level, String on) {
        return event(APPLICATION_SUBMITTED, on, new ApplicationSubmitted(applicationId, "Peer Support Worker", level,
                true, Route.ACADEMY, LocalDate.parse(on)));
    }

    static DomainEvent hired(String applicationId, Level level, String appointedOn, String startedOn) {
        return event(CANDIDATE_HIRED, appointedOn, new CandidateHired(applicationId, "Peer Support Worker", level,
                LocalDate.parse(appointedOn), LocalDate.parse(startedOn)));
    }

    static DomainEvent promoted(Level level, String on) {
        return event(EMPLOYEE_PROMOTED, on, new EmployeePromoted(level, LocalDate.parse(on)));
    }

    static DomainEvent left(String on) {
        return event(EMPLOYEE_LEFT, on, new EmployeeLeft(LocalDate.parse(on), Optional.empty()));
    }

    static DomainEvent sickness(String firstDay, int days) {
        return event(SICKNESS_RECORDED, firstDay, new SicknessRecorded(LocalDate.parse(firstDay), days));
    }

    /** Checks, then appends as the store would. */
    void accept(DomainEvent e) {
        rules.check(e, List.copyOf(history));
        history.add(e);
    }

    void assertRule(DomainEvent e, int status, String rule, String field) {
        RuleViolation v = assertThrows(RuleViolation.class, () -> rules.check(e, List.copyOf(history)));
        assertEquals(status, v.problem().status(), v.getMessage());
        assertEquals(rule, v.problem().rule(), v.getMessage());
        assertEquals(field, v.problem().errors().get(0).field());
    }

    void hiredAsEntryOn(String startedOn) {
        accept(submitted("APP-1", Level.ENTRY, "2023-01-16"));
        accept(hired("APP-1", Level.ENTRY, "2023-02-20", startedOn));
    }

    // ---- mentor training ----

    @Test
    void trainingMayRestartOnlyAfterAWithdrawal() {
        accept(trainingStarted("2022-04-04"));
        assertRule(trainingStarted("2022-05-01"), 409, "mentor-training-in-progress", "/subject");
        accept(withdrew("2022-05-20", "Moved"));
        assertRule(trainingStarted("2022-05-19"), 422, "restart-not-before-withdrawal", "/data/startedOn");
        accept(trainingStarted("2022-09-05"));
        accept(graduated("2022-12-02"));
        assertRule(trainingStarted("2023-01-09"), 409, "mentor-already-graduated", "/subject");
        AcademyHistory academy = AcademyHistory.of(history);
        assertEquals(2, academy.trainings().size());
        assertEquals(LocalDate.parse("2022-12-02"), academy.currentTraining().orElseThrow().graduatedOn());
    }

    @Test
    void graduationAndWithdrawalNeedTrainingAndHappenOnceNotBeforeTheStart() {
        assertRule(graduated("2022-07-01"), 422, "mentor-training-required", "/subject");
        assertRule(withdrew("2022-07-01"), 422, "mentor-training-required", "/subject");
        accept(trainingStarted("2022-04-04"));
        assertRule(graduated("2022-04-03"), 422, "mentor-finished-not-before-start", "/data/graduatedOn");
        assertRule(withdrew("2022-04-03"), 422, "mentor-finished-not-before-start", "/data/withdrewOn");
        accept(graduated("2022-07-01"));
        assertRule(graduated("2022-07-02"), 409, "mentor-training-already-finished", "/subject");
        assertRule(withdrew("2022-07-02"), 409, "mentor-training-already-finished", "/subject");
    }

    @Test
    void aWithdrawnTraineeCannotGraduateOrWithdrawAgainUntilRestarting() {
        accept(trainingStarted("2022-04-04"));
        accept(withdrew("2022-04-04"));
        assertRule(graduated("2022-07-01"), 409, "mentor-training-already-finished", "/subject");
        accept(trainingStarted("2022-04-04")); // same day as the withdrawal is fine
        accept(graduated("2022-07-01"));
    }

    // ---- applications and hires ----

    @Test
    void applicationIdIsUsedOncePerCandidate() {
        accept(submitted("APP-1", Level.ENTRY, "2023-01-16"));
        assertRule(submitted("APP-1", Level.INTERMEDIATE, "2023-02-01"), 409,
                "application-submitted-once", "/data/applicationId");
        accept(submitted("APP-2", Level.INTERMEDIATE, "2023-02-01"));
    }

    @Test
    void aHireNeedsASubmittedApplicationAndHappensOncePerApplication() {
        assertRule(hired("APP-1", Level.ENTRY, "2023-02-20", "2023-03-13"), 422, "application-required",
                "/data/applicationId");
        accept(submitted("APP-1", Level.ENTRY, "2023-01-16"));
        accept(hired("APP-1", Level.ENTRY, "2023-02-20", "2023-03-13"));
        assertRule(hired("APP-1", Level.ENTRY, "2023-02-20", "2023-03-13"), 409, "candidate-hired-once",
                "/data/applicationId");
        accept(submitted("APP-2", Level.MANAGERIAL, "2023-04-01"));
        assertRule(hired("APP-2", Level.MANAGERIAL, "2023-05-01", "2023-05-15"), 409,
                "employee-already-hired", "/subject");
    }

    @Test
    void hireDatesFollowTheApplication() {
        accept(submitted("APP-1", Level.ENTRY, "2023-01-16"));
        assertRule(hired("APP-1", Level.ENTRY, "2023-01-15", "2023-03-13"), 422,
                "appointment-not-before-submission", "/data/appointedOn");
        assertRule(hired("APP-1", Level.ENTRY, "2023-02-20", "2023-02-19"), 422,
                "start-not-before-appointment", "/data/startedOn");
        accept(hired("APP-1", Level.ENTRY, "2023-01-16", "2023-01-16")); // all on one day is fine
    }

    @Test
    void aLeaverMayBeRehiredAfterTheirLastDay() {
        hiredAsEntryOn("2023-03-13");
        accept(left("2023-06-30"));
        accept(submitted("APP-2", Level.INTERMEDIATE, "2023-06-01"));
        assertRule(hired("APP-2", Level.INTERMEDIATE, "2023-06-15", "2023-06-30"), 422,
                "rehire-after-leaving", "/data/startedOn");
        accept(hired("APP-2", Level.INTERMEDIATE, "2023-06-15", "2023-07-03"));
        AcademyHistory academy = AcademyHistory.of(history);
        assertEquals(2, academy.employments().size());
        assertEquals(Level.INTERMEDIATE, academy.currentEmployment().orElseThrow().level());
        assertFalse(academy.currentEmployment().orElseThrow().left());
        accept(promoted(Level.MANAGERIAL, "2023-09-01"));
    }

    // ---- employees ----

    @Test
    void promotionLeavingAndSicknessNeedAnEmployee() {
        accept(submitted("APP-1", Level.ENTRY, "2023-01-16")); // applied, not hired
        assertRule(promoted(Level.INTERMEDIATE, "2023-06-01"), 422, "employee-required", "/subject");
        assertRule(left("2023-06-01"), 422, "employee-required", "/subject");
        assertRule(sickness("2023-06-01", 2), 422, "employee-required", "/subject");
    }

    @Test
    void aPromotionGoesUpFromTheCurrentLevel() {
        hiredAsEntryOn("2023-03-13");
        assertRule(promoted(Level.ENTRY, "2023-06-01"), 422, "promotion-goes-up", "/data/level");
        accept(promoted(Level.INTERMEDIATE, "2023-06-01"));
        assertRule(promoted(Level.INTERMEDIATE, "2023-09-01"), 422, "promotion-goes-up", "/data/level");
        assertRule(promoted(Level.MANAGERIAL, "2023-05-31"), 422, "promotion-not-before-previous", "/data/promotedOn");
        accept(promoted(Level.MANAGERIAL, "2023-06-01"));
        assertEquals(Level.MANAGERIAL, AcademyHistory.of(history).currentEmployment().orElseThrow().level());
        assertRule(promoted(Level.MANAGERIAL, "2023-10-01"), 422, "promotion-goes-up", "/data/level");
    }

    @Test
    void aHireAtAHigherLevelSetsTheStartingLevel() {
        accept(submitted("APP-1", Level.INTERMEDIATE, "2023-01-16"));
        accept(hired("APP-1", Level.INTERMEDIATE, "2023-02-20", "2023-03-13"));
        assertRule(promoted(Level.INTERMEDIATE, "2023-06-01"), 422, "promotion-goes-up", "/data/level");
        assertRule(promoted(Level.MANAGERIAL, "2023-03-12"), 422, "promotion-not-before-start", "/data/promotedOn");
        accept(promoted(Level.MANAGERIAL, "2023-03-13"));
    }

    @Test
    void aLeaverIsNotPromotedAndLeavesOnce() {
        hiredAsEntryOn("2023-03-13");
        assertRule(left("2023-03-12"), 422, "left-not-before-start", "/data/leftOn");
        accept(promoted(Level.INTERMEDIATE, "2023-06-01"));
        assertRule(left("2023-05-31"), 422, "left-not-before-promotion", "/data/leftOn");
        accept(left("2023-06-01"));
        assertRule(left("2023-07-01"), 409, "employee-left-once", "/subject");
        assertRule(promoted(Level.MANAGERIAL, "2023-05-01"), 422, "employee-has-left", "/data/promotedOn");
    }

    @Test
    void sicknessFallsWithinEmploymentAndIsRecordedOncePerFirstDay() {
        hiredAsEntryOn("2023-03-13");
        assertRule(sickness("2023-03-10", 2), 422, "sickness-not-before-start", "/data/firstDay");
        accept(sickness("2023-03-13", 2));
        assertRule(sickness("2023-03-13", 3), 409, "sickness-recorded-once", "/data/firstDay");
        accept(left("2023-06-30"));
        accept(sickness("2023-06-30", 1)); // on the last day: fine
        accept(sickness("2023-05-02", 4)); // reported late: fine
        assertRule(sickness("2023-07-01", 1), 422, "employee-has-left", "/data/firstDay");
    }

    @Test
    void sicknessBetweenTwoSpellsIsAfterLeaving() {
        hiredAsEntryOn("2023-03-13");
        accept(left("2023-04-28"));
        accept(submitted("APP-2", Level.ENTRY, "2023-05-02"));
        accept(hired("APP-2", Level.ENTRY, "2023-05-10", "2023-06-05"));
        assertRule(sickness("2023-05-15", 1), 422, "employee-has-left", "/data/firstDay");
        accept(sickness("2023-04-03", 1)); // in the first spell
        accept(sickness("2023-06-05", 1)); // in the second
        assertTrue(AcademyHistory.of(history).sicknessRecordedFrom(LocalDate.parse("2023-06-05")));
    }
}
