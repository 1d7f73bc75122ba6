package org.ete.contracts;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The data of {@code ete.academy.mentor-withdrew.v1}: a mentor withdrew from the Academy training.
 *
 * @param withdrewOn the withdrawal date; the event's occurredAt
 * @param reason     why the mentor withdrew, if given
 */
public record MentorWithdrew(LocalDate withdrewOn, Optional<String> reason) implements EventPayload {
}
