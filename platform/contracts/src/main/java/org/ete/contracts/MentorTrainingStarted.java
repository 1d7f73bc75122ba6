package org.ete.contracts;

import java.time.LocalDate;

/**
 * The data of {@code ete.academy.mentor-training-started.v1}: a candidate started the Academy's peer mentor training.
 *
 * @param intakeId  the training intake (cohort of mentors)
 * @param startedOn the start date; the event's occurredAt
 */
public record MentorTrainingStarted(String intakeId, LocalDate startedOn) implements EventPayload {
}
