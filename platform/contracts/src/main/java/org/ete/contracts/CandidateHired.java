package org.ete.contracts;

import java.time.LocalDate;

/**
 * The data of {@code ete.academy.candidate-hired.v1}: a candidate was appointed to a post.
 *
 * @param applicationId the application, as in application-submitted
 * @param role          the post
 * @param level         the grade of the post
 * @param appointedOn   the date of appointment (offer accepted); the event's occurredAt
 * @param startedOn     the first working day in the post
 */
public record CandidateHired(String applicationId, String role, Level level, LocalDate appointedOn,
                             LocalDate startedOn) implements EventPayload {
}
