package org.ete.contracts;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The data of {@code ete.academy.employee-left.v1}: an employee left.
 *
 * @param leftOn the last working day; the event's occurredAt
 * @param reason why the employee left, if given
 */
public record EmployeeLeft(LocalDate leftOn, Optional<String> reason) implements EventPayload {
}
