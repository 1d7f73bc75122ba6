package org.ete.contracts;

import java.time.LocalDate;

/**
 * The data of {@code ete.employment.job-sustained.v1}: a started job was sustained for 13 weeks.
 *
 * @param jobId       the job, as in job-started
 * @param sustainedOn the date the job counted as sustained; the event's occurredAt
 */
public record JobSustained(String jobId, LocalDate sustainedOn) implements EventPayload {
}
