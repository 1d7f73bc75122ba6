package org.ete.analysis.projection.consumer;

/**
 * Why a record can never be applied, however often it is retried. The wire names are the dead letters' {@code reason}
 * (in the API, the dead-letter topic's headers and the {@code ete.projection.dead.letters} metric's tag).
 */
public enum PoisonReason {
    /** Not a CloudEvent in Kafka binary mode (no or bad {@code ce_} headers). */
    NOT_A_CLOUDEVENT("not-a-cloudevent"),
    /** A type the catalogue has no partner event for. */
    UNKNOWN_TYPE("unknown-type"),
    /** No {@code subject}: the projection would not know whose event it is. */
    NO_SUBJECT("no-subject"),
    /** No data, data that is not JSON, or JSON that is not an object. */
    DATA_NOT_OBJECT("data-not-object"),
    /** Data (or the {@code occurredat}/{@code recordedat} extensions) from which no person state derives. */
    INVALID_DATA("invalid-data"),
    /** The event decoded, but writing it failed for a reason retrying cannot cure (e.g. a corrupt stored person). */
    APPLY_FAILED("apply-failed");

    private final String wire;

    PoisonReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
