package org.ete.contracts;

/**
 * The {@code data} of a partner event, typed: one record per partner {@link EventType} (named by
 * {@link EventType#payloadType()}), with exactly the properties of the type's JSON Schema. Dates are
 * {@link java.time.LocalDate}, enumerations their {@link WireValue} enum, and a property the schema does not require
 * is an {@link java.util.Optional}. {@link Payloads} reads validated data into its record.
 *
 * <p>Sealed, so the catalogue's partner events are the only payloads there are.
 */
public sealed interface EventPayload permits ReferralReceived, ServiceTakenUp, ReleasedFromCustody,
        ReconvictionRecorded, ReferralClosed, CourseStarted, CourseCompleted, CourseWithdrawn, JobStarted,
        JobSustained, JobEnded, MentorTrainingStarted, MentorGraduated, MentorWithdrew, ApplicationSubmitted,
        CandidateHired, EmployeePromoted, EmployeeLeft, SicknessRecorded {
}
