package org.ete.eventkit.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.eventkit.domain.DomainEvent;

import java.time.LocalDate;

/**
 * An event that passed envelope and schema validation and was pseudonymised, about to be checked against its
 * person's stream: the domain event the rules judge, and what the store keeps beside it (the data as sent, for
 * the read side and the relay). Carries no case reference.
 */
record IncomingEvent(DomainEvent event, int schemaVersion, String source, String id, String time, ObjectNode data) {

    /** The CloudEvent {@code type}, as the store keeps it. */
    String type() {
        return event.type().type();
    }

    String personId() {
        return event.personId();
    }

    LocalDate occurredAt() {
        return event.occurredAt();
    }
}
