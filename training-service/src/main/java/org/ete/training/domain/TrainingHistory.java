package org.ete.training.domain;

import org.ete.contracts.CourseCompleted;
import org.ete.contracts.CourseStarted;
import org.ete.contracts.CourseWithdrawn;
import org.ete.eventkit.domain.DomainEvent;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A person's course places, folded from their training stream (oldest first). A person may take several
 * courses; each is identified by the provider's {@code courseId}.
 */
public final class TrainingHistory {

    /**
     * One course place.
     *
     * @param completedOn null unless a completion was recorded
     * @param withdrawnOn null unless a withdrawal was recorded
     */
    public record Course(String courseId, LocalDate startedOn, LocalDate completedOn, LocalDate withdrawnOn) {

        /** Whether the course has ended, by completion or withdrawal. */
        public boolean finished() {
            return completedOn != null || withdrawnOn != null;
        }

        /** How the course ended, for messages: "completed on ..." or "withdrawn on ...". */
        public String ending() {
            return completedOn != null ? "completed on " + completedOn : "withdrawn on " + withdrawnOn;
        }

        Course completed(LocalDate on) {
            return new Course(courseId, startedOn, on, withdrawnOn);
        }

        Course withdrawn(LocalDate on) {
            return new Course(courseId, startedOn, completedOn, on);
        }
    }

    private final Map<String, Course> byId = new LinkedHashMap<>();

    private TrainingHistory() {
    }

    /** The history of a person's events, oldest first. */
    public static TrainingHistory of(List<DomainEvent> history) {
        TrainingHistory courses = new TrainingHistory();
        for (DomainEvent e : history) {
            if (e.payload() instanceof CourseStarted started) {
                courses.byId.putIfAbsent(started.courseId(),
                        new Course(started.courseId(), started.startedOn(), null, null));
            } else if (e.payload() instanceof CourseCompleted completed) {
                courses.byId.computeIfPresent(completed.courseId(), (k, c) -> c.completed(completed.completedOn()));
            } else if (e.payload() instanceof CourseWithdrawn withdrawn) {
                courses.byId.computeIfPresent(withdrawn.courseId(), (k, c) -> c.withdrawn(withdrawn.withdrawnOn()));
            }
        }
        return courses;
    }

    public Optional<Course> find(String courseId) {
        return Optional.ofNullable(byId.get(courseId));
    }

    public int size() {
        return byId.size();
    }
}
