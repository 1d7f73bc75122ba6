package org.ete.contracts;

import java.time.LocalDate;

/**
 * The data of {@code ete.referral.reconviction-recorded.v1}: a new conviction was recorded for a known person.
 *
 * @param offenceDate     the date of the new offence
 * @param sentenceDate    the date of the sentence; the event's occurredAt
 * @param offenceCategory the new offence
 */
public record ReconvictionRecorded(LocalDate offenceDate, LocalDate sentenceDate,
                                   OffenceCategory offenceCategory) implements EventPayload {
}
