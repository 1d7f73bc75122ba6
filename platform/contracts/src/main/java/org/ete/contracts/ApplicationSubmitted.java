package org.ete.contracts;

import java.time.LocalDate;

/**
 * The data of {@code ete.academy.application-submitted.v1}: a candidate applied for a post.
 *
 * @param applicationId   the HR application reference; later events refer to it
 * @param role            the post applied for
 * @param level           the grade of the post
 * @param livedExperience whether the candidate has lived experience of the justice system
 * @param route           how the candidate came to apply
 * @param submittedOn     the submission date; the event's occurredAt
 */
public record ApplicationSubmitted(String applicationId, String role, Level level, boolean livedExperience,
                                   Route route, LocalDate submittedOn) implements EventPayload {
}
