package org.ete.analysis.projection;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One event as the projection keeps it for a person. {@code key} = source + " " + id, the CloudEvents identity,
 * so a redelivered or re-sent event is recognised and changes nothing.
 */
public record Fact(String key, String type, LocalDate occurredAt, Instant recordedAt, ObjectNode data) {

    public static String identity(String source, String id) {
        return source + " " + id;
    }

    public String text(String field) {
        return data.path(field).asText(null);
    }

    public LocalDate date(String field) {
        String value = text(field);
        return value == null ? null : LocalDate.parse(value);
    }
}
