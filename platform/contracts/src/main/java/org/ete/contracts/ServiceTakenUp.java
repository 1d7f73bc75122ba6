package org.ete.contracts;

import java.time.LocalDate;

/**
 * The data of {@code ete.referral.service-taken-up.v1}: the person took up ETE support.
 *
 * @param takenUpOn the take-up date; the event's occurredAt
 */
public record ServiceTakenUp(LocalDate takenUpOn) implements EventPayload {
}
