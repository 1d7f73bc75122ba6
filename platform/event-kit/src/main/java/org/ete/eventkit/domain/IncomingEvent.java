package org.ete.eventkit.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;

/**
 * An event that passed envelope and schema validation and was pseudonymised, about to be checked
 * against its person's stream. Carries no case reference.
 */
public record IncomingEvent(String type, int schemaVersion, String personId, String source, String id,
                            String time, LocalDate occurredAt, ObjectNode data) {

    public String text(String field) {
        return data.path(field).asText(null);
    }

    public LocalDate date(String field) {
        String value = text(field);
        return value == null ? null : LocalDate.parse(value);
    }
}
