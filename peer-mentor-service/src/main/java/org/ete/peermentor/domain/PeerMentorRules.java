package org.ete.peermentor.domain;

import jakarta.enterprise.context.ApplicationScoped;
import org.ete.contracts.ApplicationSubmitted;
import org.ete.contracts.CandidateHired;
import org.ete.contracts.EmployeeLeft;
import org.ete.contracts.EmployeePromoted;
import org.ete.contracts.EventPayload;
import org.ete.contracts.Level;
import org.ete.contracts.MentorGraduated;
import org.ete.contracts.MentorTrainingStarted;
import org.ete.contracts.MentorWithdrew;
import org.ete.contracts.SicknessRecorded;
import org.ete.eventkit.domain.DomainEvent;
import org.ete.eventkit.domain.RuleViolation;
import org.ete.eventkit.domain.StreamRules;
import org.ete.peermentor.domain.AcademyHistory.Application;
import org.ete.peermentor.domain.AcademyHistory.Employment;
import org.ete.peermentor.domain.AcademyHistory.MentorTraining;

import java.time.LocalDate;
import java.util.List;

/**
 * The Academy's invariants, checked against the candidate's own stream (subject: the HR candidate reference)
 * before the append. 409 = the event repeats or contradicts what the stream holds; 422 = a prerequisite is
 * missing or a date is impossible. Within each event type the checks run in the order listed. "Not before"
 * always allows the same day.
 *
 * <h2>Mentor training</h2>
 * A candidate has at most one training episode in progress. <b>A second start is allowed only after a
 * withdrawal</b> (people leave and rejoin a later intake); after a graduation there is nothing to retrain.
 * Graduation and withdrawal apply to the latest episode.
 * <ul>
 *   <li>mentor-training-started: {@code mentor-training-in-progress} (409, /subject) if the latest episode has
 *       not ended; {@code mentor-already-graduated} (409, /subject) if it ended by graduation;
 *       {@code restart-not-before-withdrawal} (422, /data/startedOn) if a restart is dated before the
 *       withdrawal that ended the previous episode.</li>
 *   <li>mentor-graduated / mentor-withdrew: {@code mentor-training-required} (422, /subject) if training was
 *       never started; {@code mentor-training-already-finished} (409, /subject) if the latest episode already
 *       ended (graduated or withdrew: once, never both); {@code mentor-finished-not-before-start} (422,
 *       /data/graduatedOn or /data/withdrewOn) if dated before that episode's startedOn.</li>
 * </ul>
 *
 * <h2>Applications and hires</h2>
 * <ul>
 *   <li>application-submitted: {@code application-submitted-once} (409, /data/applicationId): an applicationId
 *       is used once per candidate.</li>
 *   <li>candidate-hired: {@code application-required} (422, /data/applicationId) unless that candidate
 *       submitted that application; {@code candidate-hired-once} (409, /data/applicationId) if that application
 *       already led to a hire; {@code employee-already-hired} (409, /subject) if the candidate is employed and
 *       has not left (progression in post is a promotion, not a second hire);
 *       {@code appointment-not-before-submission} (422, /data/appointedOn) if appointedOn is before the
 *       application's submittedOn; {@code start-not-before-appointment} (422, /data/startedOn) if startedOn is
 *       before appointedOn; {@code rehire-after-leaving} (422, /data/startedOn) if a re-hire starts on or
 *       before the last working day of the previous spell.</li>
 * </ul>
 *
 * <h2>Employees</h2>
 * "The employee" is the latest employment spell (a hire, then possibly leaving). Its current level is the
 * hire's level, or the level of its last promotion.
 * <ul>
 *   <li>employee-promoted: {@code employee-required} (422, /subject) if never hired; {@code employee-has-left}
 *       (422, /data/promotedOn) if the spell has ended, whatever the promotion's date;
 *       {@code promotion-goes-up} (422, /data/level) unless the new level is above the current one
 *       (entry &lt; intermediate &lt; managerial); {@code promotion-not-before-start} (422, /data/promotedOn) if
 *       before the hire's startedOn; {@code promotion-not-before-previous} (422, /data/promotedOn) if before
 *       the spell's last promotion.</li>
 *   <li>employee-left: {@code employee-required} (422, /subject); {@code employee-left-once} (409, /subject) if
 *       the spell already ended; {@code left-not-before-start} (422, /data/leftOn) if before the hire's
 *       startedOn; {@code left-not-before-promotion} (422, /data/leftOn) if before the spell's last
 *       promotion.</li>
 *   <li>sickness-recorded: {@code employee-required} (422, /subject); {@code sickness-recorded-once} (409,
 *       /data/firstDay) if a spell with the same first day is already recorded; then firstDay must fall
 *       within an employment spell, from its startedOn to its leftOn inclusive (a spell that began on or
 *       before the leaving day is fine even if recorded after the leaving):
 *       {@code sickness-not-before-start} (422, /data/firstDay) if before the first hire's startedOn, else
 *       {@code employee-has-left} (422, /data/firstDay) if after a leaving day (or between two spells).</li>
 * </ul>
 */
@ApplicationScoped
public class PeerMentorRules implements StreamRules {

    @Override
    public void check(DomainEvent candidate, List<DomainEvent> history) {
        AcademyHistory academy = AcademyHistory.of(history);
        EventPayload event = candidate.payload();
        if (event instanceof MentorTrainingStarted started) {
            checkTrainingStart(academy, started.startedOn());
        } else if (event instanceof MentorGraduated graduated) {
            checkTrainingEnd(academy, "graduatedOn", graduated.graduatedOn());
        } else if (event instanceof MentorWithdrew withdrew) {
            checkTrainingEnd(academy, "withdrewOn", withdrew.withdrewOn());
        } else if (event instanceof ApplicationSubmitted submitted) {
            String applicationId = submitted.applicationId();
            if (academy.application(applicationId).isPresent()) {
                throw RuleViolation.conflict("application-submitted-once", "/data/applicationId",
                        "Application " + applicationId + " has already been submitted by this candidate");
            }
        } else if (event instanceof CandidateHired hired) {
            checkHire(academy, hired);
        } else if (event instanceof EmployeePromoted promoted) {
            checkPromotion(academy, promoted.level(), promoted.promotedOn());
        } else if (event instanceof EmployeeLeft left) {
            checkLeaving(academy, left.leftOn());
        } else if (event instanceof SicknessRecorded sickness) {
            checkSickness(academy, sickness.firstDay());
        } else {
            throw new IllegalStateException("not a peer-mentor event: " + candidate.type());
        }
    }

    private static void checkTrainingStart(AcademyHistory academy, LocalDate startedOn) {
        MentorTraining previous = academy.currentTraining().orElse(null);
        if (previous == null) {
            return;
        }
        if (!previous.finished()) {
            throw RuleViolation.conflict("mentor-training-in-progress", "/subject",
                    "Mentor training started on " + previous.startedOn() + " (intake " + previous.intakeId()
                            + ") has not ended; training may start again only after a withdrawal");
        }
        if (previous.graduated()) {
            throw RuleViolation.conflict("mentor-already-graduated", "/subject",
                    "This candidate graduated from mentor training on " + previous.graduatedOn()
                            + "; training may start again only after a withdrawal");
        }
        if (startedOn.isBefore(previous.withdrewOn())) {
            throw RuleViolation.unprocessable("restart-not-before-withdrawal", "/data/startedOn",
                    "startedOn (" + startedOn + ") is before the withdrawal from the previous training ("
                            + previous.withdrewOn() + ")");
        }
    }

    private static void checkTrainingEnd(AcademyHistory academy, String dateField, LocalDate endedOn) {
        MentorTraining training = academy.currentTraining().orElseThrow(() -> RuleViolation.unprocessable(
                "mentor-training-required", "/subject",
                "This candidate has not started mentor training, so no " + dateField + " can be recorded"));
        if (training.finished()) {
            throw RuleViolation.conflict("mentor-training-already-finished", "/subject",
                    "The mentor training started on " + training.startedOn() + " has already ended ("
                            + training.ending() + ")");
        }
        if (endedOn.isBefore(training.startedOn())) {
            throw RuleViolation.unprocessable("mentor-finished-not-before-start", "/data/" + dateField,
                    dateField + " (" + endedOn + ") is before the mentor training started (" + training.startedOn()
                            + ")");
        }
    }

    private static void checkHire(AcademyHistory academy, CandidateHired hired) {
        String applicationId = hired.applicationId();
        LocalDate appointedOn = hired.appointedOn();
        LocalDate startedOn = hired.startedOn();
        Application application = academy.application(applicationId).orElseThrow(() -> RuleViolation.unprocessable(
                "application-required", "/data/applicationId",
                "This candidate has submitted no application " + applicationId));
        if (application.hired()) {
            throw RuleViolation.conflict("candidate-hired-once", "/data/applicationId",
                    "Application " + applicationId + " has already led to a hire");
        }
        Employment current = academy.currentEmployment().orElse(null);
        if (current != null && !current.left()) {
            throw RuleViolation.conflict("employee-already-hired", "/subject",
                    "This candidate is already employed (started " + current.startedOn() + ", application "
                            + current.applicationId() + ") and has not left; a move up is a promotion");
        }
        if (appointedOn.isBefore(application.submittedOn())) {
            throw RuleViolation.unprocessable("appointment-not-before-submission", "/data/appointedOn",
                    "appointedOn (" + appointedOn + ") is before the application was submitted ("
                            + application.submittedOn() + ")");
        }
        if (startedOn.isBefore(appointedOn)) {
            throw RuleViolation.unprocessable("start-not-before-appointment", "/data/startedOn",
                    "startedOn (" + startedOn + ") is before appointedOn (" + appointedOn + ")");
        }
        if (current != null && !startedOn.isAfter(current.leftOn())) {
            throw RuleViolation.unprocessable("rehire-after-leaving", "/data/startedOn",
                    "A re-hire must start after the previous post's last working day (" + current.leftOn()
                            + "); startedOn was " + startedOn);
        }
    }

    private static Employment requireEmployee(AcademyHistory academy, String what) {
        return academy.currentEmployment().orElseThrow(() -> RuleViolation.unprocessable("employee-required",
                "/subject", "This candidate has never been hired, so " + what + " cannot be recorded"));
    }

    private static void checkPromotion(AcademyHistory academy, Level level, LocalDate promotedOn) {
        Employment employee = requireEmployee(academy, "a promotion");
        if (employee.left()) {
            throw RuleViolation.unprocessable("employee-has-left", "/data/promotedOn",
                    "The employee left on " + employee.leftOn() + "; a leaver cannot be promoted");
        }
        if (level.compareTo(employee.level()) <= 0) {
            throw RuleViolation.unprocessable("promotion-goes-up", "/data/level",
                    "A promotion goes up a level (entry < intermediate < managerial): the current level is "
                            + employee.level().wire() + ", the promotion says " + level.wire());
        }
        if (promotedOn.isBefore(employee.startedOn())) {
            throw RuleViolation.unprocessable("promotion-not-before-start", "/data/promotedOn",
                    "promotedOn (" + promotedOn + ") is before the employee started (" + employee.startedOn() + ")");
        }
        if (employee.lastPromotedOn() != null && promotedOn.isBefore(employee.lastPromotedOn())) {
            throw RuleViolation.unprocessable("promotion-not-before-previous", "/data/promotedOn",
                    "promotedOn (" + promotedOn + ") is before the previous promotion (" + employee.lastPromotedOn()
                            + ")");
        }
    }

    private static void checkLeaving(AcademyHistory academy, LocalDate leftOn) {
        Employment employee = requireEmployee(academy, "a leaving");
        if (employee.left()) {
            throw RuleViolation.conflict("employee-left-once", "/subject",
                    "The employee already left on " + employee.leftOn());
        }
        if (leftOn.isBefore(employee.startedOn())) {
            throw RuleViolation.unprocessable("left-not-before-start", "/data/leftOn",
                    "leftOn (" + leftOn + ") is before the employee started (" + employee.startedOn() + ")");
        }
        if (employee.lastPromotedOn() != null && leftOn.isBefore(employee.lastPromotedOn())) {
            throw RuleViolation.unprocessable("left-not-before-promotion", "/data/leftOn",
                    "leftOn (" + leftOn + ") is before the employee's last promotion (" + employee.lastPromotedOn()
                            + ")");
        }
    }

    private static void checkSickness(AcademyHistory academy, LocalDate firstDay) {
        requireEmployee(academy, "sickness absence");
        if (academy.sicknessRecordedFrom(firstDay)) {
            throw RuleViolation.conflict("sickness-recorded-once", "/data/firstDay",
                    "A sickness absence starting on " + firstDay + " is already recorded for this employee");
        }
        List<Employment> spells = academy.employments();
        if (spells.stream().anyMatch(s -> s.covers(firstDay))) {
            return;
        }
        LocalDate firstStart = spells.get(0).startedOn();
        if (firstDay.isBefore(firstStart)) {
            throw RuleViolation.unprocessable("sickness-not-before-start", "/data/firstDay",
                    "firstDay (" + firstDay + ") is before the employee started (" + firstStart + ")");
        }
        Employment lastEndedBefore = spells.stream().filter(s -> s.left() && s.leftOn().isBefore(firstDay))
                .reduce((a, b) -> b).orElseThrow();
        throw RuleViolation.unprocessable("employee-has-left", "/data/firstDay",
                "firstDay (" + firstDay + ") is after the employee left (" + lastEndedBefore.leftOn() + ")");
    }
}
