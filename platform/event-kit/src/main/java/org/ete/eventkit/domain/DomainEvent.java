package org.ete.eventkit.domain;

import com.fasterxml.jackson.databind.JsonNode;
import org.ete.contracts.EventPayload;
import org.ete.contracts.EventType;
import org.ete.contracts.Payloads;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An event as a service's rules see it: what happened ({@code type} and its typed {@code payload}), to whom and on
 * which domain date. Store and envelope details (position, publication, source, id) are left out, and so is
 * {@code recordedAt}: a rule judges the facts, so the same events give the same answer whenever and however they
 * arrived (one by one, in a batch, or replayed).
 *
 * @param personId   the person's pseudonym (the stream), never the case reference
 * @param occurredAt the event's domain date (the type's {@link EventType#occurredAtField()})
 * @param payload    the data, as the record {@link EventType#payloadType()} names
 */
public record DomainEvent(EventType type, String personId, LocalDate occurredAt, EventPayload payload) {

    public DomainEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (!type.payloadType().map(record -> record.isInstance(payload)).orElse(false)) {
            throw new IllegalArgumentException(type.type() + " cannot carry " + payload);
        }
    }

    /** The event of {@code type} whose data, valid and in the type's current schema version, is {@code data}. */
    public static DomainEvent read(EventType type, String personId, LocalDate occurredAt, JsonNode data) {
        return new DomainEvent(type, personId, occurredAt, Payloads.read(type, data));
    }
}
