package org.ete.contracts;

import java.time.LocalDate;

/**
 * The data of {@code ete.referral.closed.v1}: the referral was closed.
 *
 * @param closedOn the closure date; the event's occurredAt
 * @param reason   why the referral was closed
 */
public record ReferralClosed(LocalDate closedOn, String reason) implements EventPayload {
}
