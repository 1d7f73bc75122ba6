package org.ete.training.domain;

import jakarta.enterprise.context.ApplicationScoped;
import org.ete.contracts.CourseCompleted;
import org.ete.contracts.CourseStarted;
import org.ete.contracts.CourseWithdrawn;
import org.ete.eventkit.domain.DomainEvent;
import org.ete.eventkit.domain.RuleViolation;
import org.ete.eventkit.domain.StreamRules;

import java.time.LocalDate;
import java.util.List;

/**
 * The training service's invariants, checked against the person's own stream before the append. A person
 * may take several courses; each course place is identified by {@code courseId}.
 * <ul>
 *   <li>{@code course-started-once} (409, {@code /data/courseId}): a course is started once per person and
 *       courseId.</li>
 *   <li>{@code course-started-required} (422, {@code /data/courseId}): a completion or withdrawal needs a
 *       started course of that person.</li>
 *   <li>{@code course-already-finished} (409, {@code /data/courseId}): a course ends once, by completion or by
 *       withdrawal, never both and never twice.</li>
 *   <li>{@code finished-not-before-start} (422, {@code /data/completedOn} or {@code /data/withdrawnOn}): a
 *       course cannot end before its {@code startedOn}; ending on the start day is allowed.</li>
 * </ul>
 * The checks run in that order, so a repeat completion is reported as a conflict whatever its date.
 */
@ApplicationScoped
public class TrainingRules implements StreamRules {

    @Override
    public void check(DomainEvent candidate, List<DomainEvent> history) {
        TrainingHistory courses = TrainingHistory.of(history);
        if (candidate.payload() instanceof CourseStarted started) {
            if (courses.find(started.courseId()).isPresent()) {
                throw RuleViolation.conflict("course-started-once", "/data/courseId",
                        "Course " + started.courseId() + " has already been started for this person");
            }
        } else if (candidate.payload() instanceof CourseCompleted completed) {
            checkEnding(courses, completed.courseId(), "completedOn", completed.completedOn(), "completed");
        } else if (candidate.payload() instanceof CourseWithdrawn withdrawn) {
            checkEnding(courses, withdrawn.courseId(), "withdrawnOn", withdrawn.withdrawnOn(), "withdrawn from");
        } else {
            throw new IllegalStateException("not a training event: " + candidate.type());
        }
    }

    /** {@code dateField} names the ending's date in the data, for the error's JSON Pointer and message. */
    private static void checkEnding(TrainingHistory courses, String courseId, String dateField, LocalDate endedOn,
                                    String verb) {
        TrainingHistory.Course course = courses.find(courseId).orElseThrow(() -> RuleViolation.unprocessable(
                "course-started-required", "/data/courseId",
                "No course " + courseId + " has been started for this person, so it cannot be " + verb));
        if (course.finished()) {
            throw RuleViolation.conflict("course-already-finished", "/data/courseId",
                    "Course " + courseId + " has already ended (" + course.ending() + ")");
        }
        if (endedOn.isBefore(course.startedOn())) {
            throw RuleViolation.unprocessable("finished-not-before-start", "/data/" + dateField,
                    dateField + " (" + endedOn + ") is before the course started (" + course.startedOn() + ")");
        }
    }
}
