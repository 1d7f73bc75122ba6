package org.ete.eventkit.upcast;

/** The data of an event cannot be brought to its type's current schema version (no chain, or a step failed). */
public class UpcastException extends RuntimeException {
    private final String type;
    private final int version;

    public UpcastException(String type, int version, String message, Throwable cause) {
        super(message, cause);
        this.type = type;
        this.version = version;
    }

    /** The event type. */
    public String type() {
        return type;
    }

    /** The schema version the data had. */
    public int version() {
        return version;
    }
}
