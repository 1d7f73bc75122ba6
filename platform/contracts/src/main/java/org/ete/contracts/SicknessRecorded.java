package org.ete.contracts;

import java.time.LocalDate;

/**
 * The data of {@code ete.academy.sickness-recorded.v1}: a spell of sickness absence was recorded.
 *
 * @param firstDay the first day of absence; the event's occurredAt
 * @param days     working days lost, 1-366
 */
public record SicknessRecorded(LocalDate firstDay, int days) implements EventPayload {
}
