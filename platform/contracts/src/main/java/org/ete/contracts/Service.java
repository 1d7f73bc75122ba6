package org.ete.contracts;

import java.util.Optional;

/** The services that own (produce) event types, each with its one topic and the kind of subject it accepts. */
public enum Service {
    REFERRAL("referral", Topics.REFERRAL_EVENTS, SubjectKind.CRN),
    TRAINING("training", Topics.TRAINING_EVENTS, SubjectKind.CRN),
    EMPLOYMENT("employment", Topics.EMPLOYMENT_EVENTS, SubjectKind.CRN),
    PEER_MENTOR("peer-mentor", Topics.PEER_MENTOR_EVENTS, SubjectKind.HR_CANDIDATE_REFERENCE),
    /** The reoffending analysis service: it consumes the others' topics and produces only the alert events. */
    REOFFENDING_ANALYSIS("reoffending-analysis", Topics.ANALYSIS_ALERTS, SubjectKind.ALERT_GROUP);

    private final String id;
    private final String topic;
    private final SubjectKind subjectKind;

    Service(String id, String topic, SubjectKind subjectKind) {
        this.id = id;
        this.topic = topic;
        this.subjectKind = subjectKind;
    }

    /** The service's name, e.g. {@code "peer-mentor"}. */
    public String id() {
        return id;
    }

    /** The topic this service publishes to. */
    public String topic() {
        return topic;
    }

    /** What the {@code subject} of this service's events holds. */
    public SubjectKind subjectKind() {
        return subjectKind;
    }

    /** Whether partners post this service's events (all but the analysis service). */
    public boolean isProducer() {
        return this != REOFFENDING_ANALYSIS;
    }

    /** The service with this name, e.g. {@code "peer-mentor"}. */
    public static Optional<Service> fromId(String id) {
        for (Service s : values()) {
            if (s.id.equals(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
