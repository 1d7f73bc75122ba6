package org.ete.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One row of the event catalogue (DESIGN.md "Event catalogue", plus the analysis service's alert events).
 * {@link EventCatalogue} holds the look-ups and loads the JSON Schemas.
 */
public enum EventType {

    // referral service
    /**
     * Published without the date of birth, with the age at referral and its band (published version 2, ADR 0009), and
     * with the OGRS3 score computed from factors and its coefficient version (published version 3, ADR 0015).
     */
    REFERRAL_RECEIVED("ete.referral.received.v1", Service.REFERRAL, ReferralReceived.class,
            ReferralReceived.Published.class, 3, "referralDate", "referralDate", "dateOfBirth"),
    SERVICE_TAKEN_UP("ete.referral.service-taken-up.v1", Service.REFERRAL, ServiceTakenUp.class,
            "takenUpOn", "takenUpOn"),
    RELEASED_FROM_CUSTODY("ete.referral.released-from-custody.v1", Service.REFERRAL, ReleasedFromCustody.class,
            "releasedOn", "releasedOn"),
    RECONVICTION_RECORDED("ete.referral.reconviction-recorded.v1", Service.REFERRAL, ReconvictionRecorded.class,
            "sentenceDate", "offenceDate", "sentenceDate"),
    REFERRAL_CLOSED("ete.referral.closed.v1", Service.REFERRAL, ReferralClosed.class,
            "closedOn", "closedOn"),

    // training service
    COURSE_STARTED("ete.training.course-started.v1", Service.TRAINING, CourseStarted.class,
            "startedOn", "startedOn"),
    COURSE_COMPLETED("ete.training.course-completed.v1", Service.TRAINING, CourseCompleted.class,
            "completedOn", "completedOn"),
    COURSE_WITHDRAWN("ete.training.course-withdrawn.v1", Service.TRAINING, CourseWithdrawn.class,
            "withdrawnOn", "withdrawnOn"),

    // employment service
    JOB_STARTED("ete.employment.job-started.v1", Service.EMPLOYMENT, JobStarted.class,
            "startedOn", "startedOn"),
    JOB_SUSTAINED("ete.employment.job-sustained.v1", Service.EMPLOYMENT, JobSustained.class,
            "sustainedOn", "sustainedOn"),
    JOB_ENDED("ete.employment.job-ended.v1", Service.EMPLOYMENT, JobEnded.class,
            "endedOn", "endedOn"),

    // peer-mentor service (the Academy)
    MENTOR_TRAINING_STARTED("ete.academy.mentor-training-started.v1", Service.PEER_MENTOR, MentorTrainingStarted.class,
            "startedOn", "startedOn"),
    MENTOR_GRADUATED("ete.academy.mentor-graduated.v1", Service.PEER_MENTOR, MentorGraduated.class,
            "graduatedOn", "graduatedOn"),
    MENTOR_WITHDREW("ete.academy.mentor-withdrew.v1", Service.PEER_MENTOR, MentorWithdrew.class,
            "withdrewOn", "withdrewOn"),
    APPLICATION_SUBMITTED("ete.academy.application-submitted.v1", Service.PEER_MENTOR, ApplicationSubmitted.class,
            "submittedOn", "submittedOn"),
    CANDIDATE_HIRED("ete.academy.candidate-hired.v1", Service.PEER_MENTOR, CandidateHired.class,
            "appointedOn", "appointedOn", "startedOn"),
    EMPLOYEE_PROMOTED("ete.academy.employee-promoted.v1", Service.PEER_MENTOR, EmployeePromoted.class,
            "promotedOn", "promotedOn"),
    EMPLOYEE_LEFT("ete.academy.employee-left.v1", Service.PEER_MENTOR, EmployeeLeft.class,
            "leftOn", "leftOn"),
    SICKNESS_RECORDED("ete.academy.sickness-recorded.v1", Service.PEER_MENTOR, SicknessRecorded.class,
            "firstDay", "firstDay"),

    // reoffending analysis service (its alerts are not partner events, so they have no payload record)
    ALERT_RAISED("ete.analysis.alert-raised.v1", Service.REOFFENDING_ANALYSIS, null, "asOf", "asOf", "from", "to"),
    ALERT_CLEARED("ete.analysis.alert-cleared.v1", Service.REOFFENDING_ANALYSIS, null, "asOf", "asOf", "from", "to");

    /** Classpath folder of the schemas: {@code contracts/schemas/<type>.json}. */
    public static final String SCHEMA_FOLDER = "contracts/schemas/";
    /** Prefix of every schema's {@code $id}. */
    public static final String SCHEMA_ID_BASE = "https://ete.example/contracts/schemas/";
    /**
     * Sub-folder (of {@link #SCHEMA_FOLDER} and {@link #SCHEMA_ID_BASE}) of the published schemas of the types whose
     * topic shape differs from what partners send.
     */
    public static final String PUBLISHED_FOLDER = "published/";

    private final String type;
    private final Service service;
    private final int schemaVersion;
    private final Class<? extends EventPayload> payloadType;
    private final Class<? extends PublishedPayload> publishedPayloadType;
    private final int publishedSchemaVersion;
    private final String occurredAtField;
    private final List<String> dateFields;

    EventType(String type, Service service, Class<? extends EventPayload> payloadType, String occurredAtField,
              String... dateFields) {
        this(type, service, payloadType, null, 1, occurredAtField, dateFields);
    }

    EventType(String type, Service service, Class<? extends EventPayload> payloadType,
              Class<? extends PublishedPayload> publishedPayloadType, int publishedSchemaVersion,
              String occurredAtField, String... dateFields) {
        this.type = type;
        this.service = service;
        this.payloadType = payloadType;
        this.schemaVersion = 1;
        this.publishedPayloadType = publishedPayloadType;
        this.publishedSchemaVersion = publishedSchemaVersion;
        this.occurredAtField = occurredAtField;
        this.dateFields = List.of(dateFields);
    }

    /** The CloudEvent {@code type}, e.g. {@code "ete.referral.received.v1"}. */
    public String type() {
        return type;
    }

    /** The owning (producing) service. */
    public Service service() {
        return service;
    }

    /** The topic the event is published to (the owning service's topic). */
    public String topic() {
        return service.topic();
    }

    /** The current schema version of this type (stored with each event; only grows; 1 for every type now). */
    public int schemaVersion() {
        return schemaVersion;
    }

    /**
     * The schema version of the data as published on the topic (the Kafka header {@code ce_schemaversion}). Equal to
     * {@link #schemaVersion()} when the topic carries the data as received; higher when the producing service
     * publishes a view of it ({@link #hasPublishedView()}): then the published versions are their own line, which
     * only grows, and a consumer upgrades records of an older published version when it reads them.
     */
    public int publishedSchemaVersion() {
        return publishedPayloadType == null ? schemaVersion : publishedSchemaVersion;
    }

    /**
     * Whether the topic carries a view of the data rather than the data as received (e.g. the referral without the
     * date of birth): its producing service must publish through a publication view, and the published schema is
     * {@link #publishedSchemaResource()}.
     */
    public boolean hasPublishedView() {
        return publishedPayloadType != null;
    }

    /** The record of the published data, when it differs from what partners send. */
    public Optional<Class<? extends PublishedPayload>> publishedPayloadType() {
        return Optional.ofNullable(publishedPayloadType);
    }

    /**
     * Classpath location of the JSON Schema of the data as published on the topic: {@link #schemaResource()}, or
     * {@code contracts/schemas/published/<type>.json} when the type has a published view.
     */
    public String publishedSchemaResource() {
        return hasPublishedView() ? SCHEMA_FOLDER + PUBLISHED_FOLDER + type + ".json" : schemaResource();
    }

    /** The {@code $id} of {@link #publishedSchemaResource()}. */
    public String publishedSchemaId() {
        return hasPublishedView() ? SCHEMA_ID_BASE + PUBLISHED_FOLDER + type + ".json" : schemaId();
    }

    /** The record of this type's data ({@link Payloads} reads it); empty for the analysis alerts. */
    public Optional<Class<? extends EventPayload>> payloadType() {
        return Optional.ofNullable(payloadType);
    }

    /** The data field holding the event's domain date, its {@code occurredAt}. */
    public String occurredAtField() {
        return occurredAtField;
    }

    /** Every date field of the data (top level), for the "never in the future" check; includes {@link #occurredAtField()}. */
    public List<String> dateFields() {
        return dateFields;
    }

    /** What the CloudEvent {@code subject} holds for this type. */
    public SubjectKind subjectKind() {
        return service.subjectKind();
    }

    /** Whether this is one of the catalogue's partner events (not an analysis alert). */
    public boolean isPartnerEvent() {
        return service.isProducer();
    }

    /** Classpath location of the JSON Schema, e.g. {@code contracts/schemas/ete.referral.received.v1.json}. */
    public String schemaResource() {
        return SCHEMA_FOLDER + type + ".json";
    }

    /** The schema's {@code $id}, usable as the CloudEvent {@code dataschema}. */
    public String schemaId() {
        return SCHEMA_ID_BASE + type + ".json";
    }

    /**
     * The event's {@code occurredAt}: the {@link #occurredAtField()} of {@code data}, parsed.
     *
     * @throws IllegalArgumentException naming the field if it is missing or not an ISO date
     */
    public LocalDate occurredAt(JsonNode data) {
        return date(data, occurredAtField)
                .orElseThrow(() -> new IllegalArgumentException(occurredAtField + " is required"));
    }

    /**
     * The date fields present in {@code data}, parsed, in {@link #dateFields()} order (optional absent ones left out).
     *
     * @throws IllegalArgumentException naming the field if one is not an ISO date
     */
    public Map<String, LocalDate> dates(JsonNode data) {
        Map<String, LocalDate> out = new LinkedHashMap<>();
        for (String f : dateFields) {
            date(data, f).ifPresent(d -> out.put(f, d));
        }
        return out;
    }

    private static Optional<LocalDate> date(JsonNode data, String field) {
        JsonNode n = data == null ? null : data.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException(field + " must be a date YYYY-MM-DD");
        }
        try {
            return Optional.of(LocalDate.parse(n.asText()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a date YYYY-MM-DD, was '" + n.asText() + "'");
        }
    }

    /** The event type with this CloudEvent {@code type} name, if known. */
    public static Optional<EventType> fromType(String type) {
        return EventCatalogue.find(type);
    }
}
