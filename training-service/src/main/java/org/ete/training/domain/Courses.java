package org.ete.training.domain;

import org.ete.contracts.EventType;
import org.ete.eventkit.store.StoredEvent;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A person's course places, folded from their training stream (oldest first). A person may take several
 * courses; each is identified by the provider's {@code courseId}.
 */
public final class Courses {

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

    private Courses() {
    }

    public static Courses of(Iterable<StoredEvent> history) {
        Courses courses = new Courses();
        for (StoredEvent e : history) {
            String courseId = e.data().path("courseId").asText();
            EventType type = EventType.fromType(e.type()).orElse(null);
            if (type == null) {
                continue;
            }
            switch (type) {
                case COURSE_STARTED -> courses.byId.putIfAbsent(courseId,
                        new Course(courseId, e.occurredAt(), null, null));
                case COURSE_COMPLETED -> courses.byId.computeIfPresent(courseId, (k, c) -> c.completed(e.occurredAt()));
                case COURSE_WITHDRAWN -> courses.byId.computeIfPresent(courseId, (k, c) -> c.withdrawn(e.occurredAt()));
                default -> {
                }
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
