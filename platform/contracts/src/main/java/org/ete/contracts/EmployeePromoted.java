package org.ete.contracts;

import java.time.LocalDate;

/**
 * The data of {@code ete.academy.employee-promoted.v1}: an employee was promoted.
 *
 * @param level      the new grade
 * @param promotedOn the promotion date; the event's occurredAt
 */
public record EmployeePromoted(Level level, LocalDate promotedOn) implements EventPayload {
}
