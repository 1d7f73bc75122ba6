package org.ete.eventkit.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.servicekit.problem.FieldError;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CloudEvents 1.0 envelope rules (DESIGN.md "Envelope rules"), for every mode: a structured-mode event is judged as
 * sent, a binary-mode event as the envelope its ce-* headers describe (org.ete.eventkit.api.BinaryMode). Collects
 * every broken rule, so a partner fixes an event in one round trip.
 */
public final class EnvelopeValidator {
    static final Set<String> ALLOWED = Set.of("specversion", "id", "source", "type", "subject", "data", "time",
            "datacontenttype", "dataschema", "traceparent", "tracestate");
    private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$");

    private EnvelopeValidator() {
    }

    public static List<FieldError> validate(JsonNode event) {
        List<FieldError> errors = new ArrayList<>();
        if (event == null || !event.isObject()) {
            errors.add(new FieldError("", "type", "A CloudEvent must be a JSON object"));
            return errors;
        }
        ObjectNode e = (ObjectNode) event;
        for (Iterator<String> names = e.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ALLOWED.contains(name)) {
                errors.add(new FieldError("/" + escape(name), "unknown-attribute",
                        "Attribute is not allowed; allowed: " + String.join(", ", ALLOWED.stream().sorted().toList())));
            }
        }
        String spec = requiredString(e, "specversion", 1, 10, errors);
        if (spec != null && !spec.equals("1.0")) {
            errors.add(new FieldError("/specversion", "const", "specversion must be \"1.0\""));
        }
        requiredString(e, "id", 1, 200, errors);
        String source = requiredString(e, "source", 1, 500, errors);
        if (source != null && !isUriReference(source)) {
            errors.add(new FieldError("/source", "uri-reference", "source must be a URI-reference"));
        }
        requiredString(e, "type", 1, 200, errors);
        requiredString(e, "subject", 1, 200, errors);
        if (!e.has("data")) {
            errors.add(new FieldError("/data", "required", "data is required"));
        } else if (!e.get("data").isObject()) {
            errors.add(new FieldError("/data", "type", "data must be a JSON object"));
        }
        String time = optionalString(e, "time", 1, 64, errors);
        if (time != null) {
            try {
                OffsetDateTime.parse(time);
            } catch (DateTimeParseException ex) {
                errors.add(new FieldError("/time", "date-time", "time must be an RFC 3339 timestamp"));
            }
        }
        String contentType = optionalString(e, "datacontenttype", 1, 100, errors);
        if (contentType != null && !contentType.equals("application/json")) {
            errors.add(new FieldError("/datacontenttype", "const", "datacontenttype must be application/json"));
        }
        String schema = optionalString(e, "dataschema", 1, 500, errors);
        if (schema != null && !isUriReference(schema)) {
            errors.add(new FieldError("/dataschema", "uri", "dataschema must be a URI"));
        }
        String traceparent = optionalString(e, "traceparent", 55, 55, errors);
        if (traceparent != null && !TRACEPARENT.matcher(traceparent).matches()) {
            errors.add(new FieldError("/traceparent", "pattern", "traceparent must follow W3C Trace Context"));
        }
        optionalString(e, "tracestate", 1, 512, errors);
        return errors;
    }

    private static String requiredString(ObjectNode e, String name, int min, int max, List<FieldError> errors) {
        if (!e.has(name) || e.get(name).isNull()) {
            errors.add(new FieldError("/" + name, "required", name + " is required"));
            return null;
        }
        return optionalString(e, name, min, max, errors);
    }

    private static String optionalString(ObjectNode e, String name, int min, int max, List<FieldError> errors) {
        JsonNode node = e.get(name);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError("/" + name, "type", name + " must be a string"));
            return null;
        }
        String value = node.textValue();
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            errors.add(new FieldError("/" + name, "length",
                    name + " must be " + (min == max ? min : min + " to " + max) + " characters"));
            return null;
        }
        return value;
    }

    private static boolean isUriReference(String value) {
        try {
            new URI(value);
            return !value.isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** JSON Pointer escaping (RFC 6901). */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
