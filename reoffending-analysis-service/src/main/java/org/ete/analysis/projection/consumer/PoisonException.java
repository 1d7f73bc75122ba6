package org.ete.analysis.projection.consumer;

/**
 * A record that cannot be applied however often it is retried, with the {@code type} and {@code eventId} of the event
 * when they could be read (null otherwise). The message is the detail a dead letter shows.
 */
public final class PoisonException extends RuntimeException {
    private final PoisonReason reason;
    private final String type;
    private final String eventId;

    PoisonException(PoisonReason reason, String detail, String type, String eventId) {
        // No stack trace: it is an expected outcome, thrown per bad record, and the detail says all there is.
        super(detail, null, false, false);
        this.reason = reason;
        this.type = type;
        this.eventId = eventId;
    }

    public PoisonReason reason() {
        return reason;
    }

    public String type() {
        return type;
    }

    public String eventId() {
        return eventId;
    }
}
