package org.ete.contracts;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The data of {@code ete.training.course-withdrawn.v1}: the person withdrew from a course they had started.
 *
 * @param courseId    the course place, as in course-started
 * @param withdrawnOn the withdrawal date; the event's occurredAt
 * @param reason      why the person withdrew, if given
 */
public record CourseWithdrawn(String courseId, LocalDate withdrawnOn, Optional<String> reason) implements EventPayload {
}
