package org.ete.contracts;

import java.time.LocalDate;

/**
 * The data of {@code ete.academy.mentor-graduated.v1}: a mentor graduated from the Academy training.
 *
 * @param graduatedOn the graduation date; the event's occurredAt
 */
public record MentorGraduated(LocalDate graduatedOn) implements EventPayload {
}
