package org.ete.contracts;

import java.util.List;

/** Kafka topic names. Infinite retention; keyed by person id (alerts: by group). */
public final class Topics {

    /** Events of the referral service. */
    public static final String REFERRAL_EVENTS = "referral.events.v1";
    /** Events of the training service. */
    public static final String TRAINING_EVENTS = "training.events.v1";
    /** Events of the employment service. */
    public static final String EMPLOYMENT_EVENTS = "employment.events.v1";
    /** Events of the peer-mentor service (the Academy). */
    public static final String PEER_MENTOR_EVENTS = "peer-mentor.events.v1";
    /** {@code ete.analysis.alert-raised.v1} and {@code ete.analysis.alert-cleared.v1}, from the analysis service. */
    public static final String ANALYSIS_ALERTS = "analysis.alerts.v1";
    /**
     * {@code ete.privacy.person-erased.v1} ({@link PersonErased}): a person's erasure, published by the producing service
     * that received it, keyed by person id; every producing service and the analysis service consume it. Infinite
     * retention like the rest: it is the erasure ledger's log, and a consumer that starts late must see every erasure.
     */
    public static final String PRIVACY_ERASURES = "privacy.erasures.v1";

    /** The four topics the analysis service consumes, one per producing service. */
    public static final List<String> PRODUCER_TOPICS =
            List.of(REFERRAL_EVENTS, TRAINING_EVENTS, EMPLOYMENT_EVENTS, PEER_MENTOR_EVENTS);

    /** Every topic of the platform (dead-letter topics excluded: each consumer names its own). */
    public static final List<String> ALL =
            List.of(REFERRAL_EVENTS, TRAINING_EVENTS, EMPLOYMENT_EVENTS, PEER_MENTOR_EVENTS, ANALYSIS_ALERTS);

    private Topics() {
    }
}
