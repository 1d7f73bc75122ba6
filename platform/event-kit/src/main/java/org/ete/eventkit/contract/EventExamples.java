package org.ete.eventkit.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.contracts.SubjectKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Complete CloudEvents built from the {@code examples} of each type's JSON Schema in {@code platform/contracts}, so
 * the examples a partner sees (Swagger UI, the OpenAPI document) are the schema's own and cannot drift from it.
 * Example {@code n} of every type has the same subject, so a person's events can be posted one after another.
 */
public final class EventExamples {
    /** The {@code source} of every example. */
    public static final String SOURCE = "https://partner.example/case-management";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventExamples() {
    }

    /**
     * One example event.
     *
     * @param name  unique within a service: the type for its first example, {@code <type>-<n>} for the n-th
     * @param type  the event type
     * @param index 1-based number of the schema example it carries
     * @param event the CloudEvent (structured mode); a fresh copy
     */
    public record EventExample(String name, EventType type, int index, ObjectNode event) {
    }

    /** Every example of {@code type}, in the schema's order. */
    public static List<EventExample> of(EventType type) {
        List<EventExample> out = new ArrayList<>();
        int n = 0;
        for (JsonNode data : EventCatalogue.schema(type).path("examples")) {
            n++;
            out.add(new EventExample(n == 1 ? type.type() : type.type() + "-" + n, type, n,
                    event(type, n, (ObjectNode) data)));
        }
        return out;
    }

    /** Every example of every type in {@code types}, type by type. */
    public static List<EventExample> of(List<EventType> types) {
        return types.stream().flatMap(t -> of(t).stream()).toList();
    }

    /** The example subject for the n-th example of a type whose subject is of {@code kind}. */
    public static String subject(SubjectKind kind, int n) {
        return switch (kind) {
            case CRN -> String.format("X%06d", 123455 + n);
            case HR_CANDIDATE_REFERENCE -> String.format("CAND-%04d", n);
            case ALERT_GROUP -> SubjectKind.alertSubject("team", "Example Team " + n);
        };
    }

    private static ObjectNode event(EventType type, int n, ObjectNode data) {
        ObjectNode e = JSON.createObjectNode();
        e.put("specversion", "1.0");
        e.put("id", "example-" + type.type() + "-" + n);
        e.put("source", SOURCE);
        e.put("type", type.type());
        e.put("subject", subject(type.subjectKind(), n));
        e.put("time", type.occurredAt(data) + "T09:30:00Z");
        e.put("datacontenttype", "application/json");
        e.put("dataschema", type.schemaId());
        e.set("data", data.deepCopy());
        return e;
    }
}
