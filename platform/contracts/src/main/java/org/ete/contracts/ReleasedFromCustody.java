package org.ete.contracts;

import java.time.LocalDate;

/**
 * The data of {@code ete.referral.released-from-custody.v1}: the person was released from custody.
 *
 * @param releasedOn the release date; the event's occurredAt
 */
public record ReleasedFromCustody(LocalDate releasedOn) implements EventPayload {
}
