package org.ete.training.domain;

import jakarta.enterprise.context.ApplicationScoped;
import org.ete.contracts.EventType;
import org.ete.eventkit.domain.IncomingEvent;
import org.ete.eventkit.domain.RuleViolation;
import org.ete.eventkit.domain.StreamRules;
import org.ete.eventkit.store.StoredEvent;

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
    public void check(IncomingEvent candidate, List<StoredEvent> history) {
        Courses courses = Courses.of(history);
        String courseId = candidate.text("courseId");
        EventType type = EventType.fromType(candidate.type()).orElseThrow();
        switch (type) {
            case COURSE_STARTED -> {
                if (courses.find(courseId).isPresent()) {
                    throw RuleViolation.conflict("course-started-once", "/data/courseId",
                            "Course " + courseId + " has already been started for this person");
                }
            }
            case COURSE_COMPLETED -> checkEnding(courses, courseId, "completedOn", candidate.date("completedOn"),
                    "completed");
            case COURSE_WITHDRAWN -> checkEnding(courses, courseId, "withdrawnOn", candidate.date("withdrawnOn"),
                    "withdrawn from");
            default -> throw new IllegalStateException("not a training event: " + type);
        }
    }

    private static void checkEnding(Courses courses, String courseId, String dateField, LocalDate endedOn,
                                    String verb) {
        Courses.Course course = courses.find(courseId).orElseThrow(() -> RuleViolation.unprocessable(
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
