package org.ete.peermentor.domain;

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

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One candidate's Academy history, folded from their peer-mentor stream (oldest first): mentor training
 * episodes, job applications, employment spells and recorded sickness. The stream only holds events that
 * passed {@link PeerMentorRules}, so the fold trusts their order.
 */
public final class AcademyHistory {

    /** One run through the mentor training programme; at most one of graduatedOn / withdrewOn is set. */
    public record MentorTraining(String intakeId, LocalDate startedOn, LocalDate graduatedOn, LocalDate withdrewOn) {

        public boolean finished() {
            return graduatedOn != null || withdrewOn != null;
        }

        public boolean graduated() {
            return graduatedOn != null;
        }

        /** For messages: "graduated on ..." or "withdrew on ...". */
        public String ending() {
            return graduatedOn != null ? "graduated on " + graduatedOn : "withdrew on " + withdrewOn;
        }

        MentorTraining graduate(LocalDate on) {
            return new MentorTraining(intakeId, startedOn, on, withdrewOn);
        }

        MentorTraining withdraw(LocalDate on) {
            return new MentorTraining(intakeId, startedOn, graduatedOn, on);
        }
    }

    /** A submitted application; {@code hired} once a candidate-hired event named it. */
    public record Application(String applicationId, Level level, LocalDate submittedOn, boolean hired) {

        Application markHired() {
            return new Application(applicationId, level, submittedOn, true);
        }
    }

    /**
     * One employment spell, from a hire to (possibly) leaving.
     *
     * @param level          the current grade: the hire's level, or the last promotion's
     * @param startedOn      the first working day (the hire's startedOn)
     * @param lastPromotedOn null until a promotion
     * @param leftOn         null while employed; the last working day otherwise
     */
    public record Employment(String applicationId, Level level, LocalDate appointedOn, LocalDate startedOn,
                             LocalDate lastPromotedOn, LocalDate leftOn) {

        public boolean left() {
            return leftOn != null;
        }

        /** Whether {@code day} falls within the spell (start and last day included). */
        public boolean covers(LocalDate day) {
            return !day.isBefore(startedOn) && (leftOn == null || !day.isAfter(leftOn));
        }

        Employment promote(Level to, LocalDate on) {
            return new Employment(applicationId, to, appointedOn, startedOn, on, leftOn);
        }

        Employment leave(LocalDate on) {
            return new Employment(applicationId, level, appointedOn, startedOn, lastPromotedOn, on);
        }
    }

    private final List<MentorTraining> trainings = new ArrayList<>();
    private final Map<String, Application> applications = new LinkedHashMap<>();
    private final List<Employment> employments = new ArrayList<>();
    private final Set<LocalDate> sicknessFirstDays = new HashSet<>();

    private AcademyHistory() {
    }

    /** The history of a candidate's events, oldest first. */
    public static AcademyHistory of(List<DomainEvent> history) {
        AcademyHistory h = new AcademyHistory();
        for (DomainEvent e : history) {
            h.apply(e.payload());
        }
        return h;
    }

    private void apply(EventPayload event) {
        if (event instanceof MentorTrainingStarted started) {
            trainings.add(new MentorTraining(started.intakeId(), started.startedOn(), null, null));
        } else if (event instanceof MentorGraduated graduated) {
            replaceLastTraining(t -> t.graduate(graduated.graduatedOn()));
        } else if (event instanceof MentorWithdrew withdrew) {
            replaceLastTraining(t -> t.withdraw(withdrew.withdrewOn()));
        } else if (event instanceof ApplicationSubmitted submitted) {
            applications.putIfAbsent(submitted.applicationId(), new Application(submitted.applicationId(),
                    submitted.level(), submitted.submittedOn(), false));
        } else if (event instanceof CandidateHired hired) {
            applications.computeIfPresent(hired.applicationId(), (k, a) -> a.markHired());
            employments.add(new Employment(hired.applicationId(), hired.level(), hired.appointedOn(),
                    hired.startedOn(), null, null));
        } else if (event instanceof EmployeePromoted promoted) {
            replaceLastEmployment(s -> s.promote(promoted.level(), promoted.promotedOn()));
        } else if (event instanceof EmployeeLeft left) {
            replaceLastEmployment(s -> s.leave(left.leftOn()));
        } else if (event instanceof SicknessRecorded sickness) {
            sicknessFirstDays.add(sickness.firstDay());
        }
    }

    private void replaceLastTraining(UnaryOperator<MentorTraining> change) {
        if (!trainings.isEmpty()) {
            trainings.set(trainings.size() - 1, change.apply(trainings.get(trainings.size() - 1)));
        }
    }

    private void replaceLastEmployment(UnaryOperator<Employment> change) {
        if (!employments.isEmpty()) {
            employments.set(employments.size() - 1, change.apply(employments.get(employments.size() - 1)));
        }
    }

    /** The latest mentor training episode, if training was ever started. */
    public Optional<MentorTraining> currentTraining() {
        return trainings.isEmpty() ? Optional.empty() : Optional.of(trainings.get(trainings.size() - 1));
    }

    public List<MentorTraining> trainings() {
        return Collections.unmodifiableList(trainings);
    }

    public Optional<Application> application(String applicationId) {
        return Optional.ofNullable(applications.get(applicationId));
    }

    /** The latest employment spell, if the candidate was ever hired. */
    public Optional<Employment> currentEmployment() {
        return employments.isEmpty() ? Optional.empty() : Optional.of(employments.get(employments.size() - 1));
    }

    /** Every employment spell, oldest first. */
    public List<Employment> employments() {
        return Collections.unmodifiableList(employments);
    }

    public boolean sicknessRecordedFrom(LocalDate firstDay) {
        return sicknessFirstDays.contains(firstDay);
    }
}
