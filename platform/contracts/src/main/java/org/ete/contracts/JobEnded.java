package org.ete.contracts;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The data of {@code ete.employment.job-ended.v1}: a started job ended.
 *
 * @param jobId   the job, as in job-started
 * @param endedOn the last day of the job; the event's occurredAt
 * @param reason  why the job ended, if given
 */
public record JobEnded(String jobId, LocalDate endedOn, Optional<String> reason) implements EventPayload {
}
