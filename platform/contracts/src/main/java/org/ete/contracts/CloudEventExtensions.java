package org.ete.contracts;

/**
 * The CloudEvents extension attributes the platform adds to what it publishes (asyncapi.yaml documents them; in
 * Kafka binary mode each is the header {@code ce_<name>}). Names are lower-case letters only, as CloudEvents 1.0
 * requires of extension names. Consumers read them by these constants, never by a string of their own.
 */
public final class CloudEventExtensions {
    /** The domain date of the event (the date in its data: takenUpOn, startedOn, ...), ISO yyyy-MM-dd. */
    public static final String OCCURRED_AT = "occurredat";
    /** When the producing service appended it (its clock), ISO-8601 instant; freshness is measured from it. */
    public static final String RECORDED_AT = "recordedat";
    /** The schema version of the data, as in {@code dataschema}'s {@code ?version=}. */
    public static final String SCHEMA_VERSION = "schemaversion";
    /** The event's version in its person's stream (1, 2, ...) in the producing service. */
    public static final String STREAM_VERSION = "streamversion";
    /** Values the producing service computed at the append (e.g. an OGRS3 score), a JSON object; absent if none. */
    public static final String DERIVED = "derived";

    private CloudEventExtensions() {
    }
}
