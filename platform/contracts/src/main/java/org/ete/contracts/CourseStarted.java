package org.ete.contracts;

import java.time.LocalDate;

/**
 * The data of {@code ete.training.course-started.v1}: the person started a training course.
 *
 * @param courseId      the provider's identifier of this course place; later events refer to it
 * @param qualification the qualification the course leads to
 * @param provider      the training provider
 * @param startedOn     the start date; the event's occurredAt
 */
public record CourseStarted(String courseId, Qualification qualification, String provider,
                            LocalDate startedOn) implements EventPayload {
}
