package org.ete.contracts;

import java.time.LocalDate;

/**
 * The data of {@code ete.training.course-completed.v1}: the person completed a course they had started.
 *
 * @param courseId    the course place, as in course-started
 * @param completedOn the completion date; the event's occurredAt
 * @param achieved    whether the qualification was achieved
 */
public record CourseCompleted(String courseId, LocalDate completedOn, boolean achieved) implements EventPayload {
}
