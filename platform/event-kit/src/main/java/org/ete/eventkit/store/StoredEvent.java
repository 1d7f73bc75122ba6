package org.ete.eventkit.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One accepted event as kept in a producing service's store. The document is its own outbox entry:
 * {@code publishedAt} is null until the relay has handed it to Kafka.
 *
 * @param position      global, increasing position in this service's store (the relay's order)
 * @param stream        the person id (pseudonym), never the case reference
 * @param version       1-based version within the person's stream
 * @param time          the partner's CloudEvents {@code time}, if it sent one (RFC 3339 text)
 * @param derived       values the service computed at the append (e.g. an OGRS3 score), or null
 */
public record StoredEvent(long position, String stream, int version, String type, int schemaVersion,
                          LocalDate occurredAt, Instant recordedAt, String source, String id, String time,
                          ObjectNode data, ObjectNode derived, Instant publishedAt) {
}
