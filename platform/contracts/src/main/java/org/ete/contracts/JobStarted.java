package org.ete.contracts;

import java.time.LocalDate;

/**
 * The data of {@code ete.employment.job-started.v1}: the person started a job.
 *
 * @param jobId        the adviser's identifier of this job; later events refer to it
 * @param sector       the employment sector
 * @param employer     the employer
 * @param hoursPerWeek contracted hours per week, above 0 and at most 100, decimals allowed
 * @param startedOn    the first day of the job; the event's occurredAt
 */
public record JobStarted(String jobId, Sector sector, String employer, double hoursPerWeek,
                         LocalDate startedOn) implements EventPayload {
}
