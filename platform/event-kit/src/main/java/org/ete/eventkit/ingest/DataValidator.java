package org.ete.eventkit.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import org.ete.servicekit.problem.FieldError;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Validates {@code data} against its type's JSON Schema (closed: additionalProperties false), then the rules a
 * schema cannot say: no key that MongoDB would treat as an operator or a path, real calendar dates, none in
 * the future.
 */
public final class DataValidator {

    private DataValidator() {
    }

    /** Schema and key errors: a 400. */
    public static List<FieldError> validateShape(EventTypeSpec spec, JsonNode data) {
        List<FieldError> errors = new ArrayList<>();
        checkKeys(data, "/data", errors);
        if (!errors.isEmpty()) {
            return errors; // never hand operator-shaped keys to anything else
        }
        for (Error error : spec.schema().validate(data)) {
            errors.add(toFieldError(error));
        }
        if (errors.isEmpty()) {
            for (String field : spec.type().dateFields()) {
                JsonNode value = data.get(field);
                if (value != null && value.isTextual() && parseDate(value.textValue()) == null) {
                    errors.add(new FieldError("/data/" + field, "date", field + " is not a real calendar date"));
                }
            }
        }
        return errors;
    }

    /** Dates after today: an impossible date, a 422. Only called once the shape is valid. */
    public static List<FieldError> validateNotInFuture(EventTypeSpec spec, JsonNode data, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        for (String field : spec.type().dateFields()) {
            JsonNode value = data.get(field);
            if (value != null && value.isTextual()) {
                LocalDate date = parseDate(value.textValue());
                if (date != null && date.isAfter(today)) {
                    errors.add(new FieldError("/data/" + field, "not-in-future",
                            field + " (" + date + ") is after today (" + today + ")"));
                }
            }
        }
        return errors;
    }

    static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void checkKeys(JsonNode node, String pointer, List<FieldError> errors) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey();
                String child = pointer + "/" + EnvelopeValidator.escape(key);
                if (key.startsWith("$") || key.contains(".") || key.indexOf('\0') >= 0) {
                    errors.add(new FieldError(child, "key-characters",
                            "Keys may not start with '$' or contain '.' or NUL"));
                } else {
                    checkKeys(field.getValue(), child, errors);
                }
            }
        } else if (node.isTextual()) {
            String unsafe = unsafeCharacter(node.textValue());
            if (unsafe != null) {
                errors.add(new FieldError(pointer, "text-characters", "Text may not contain " + unsafe));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkKeys(node.get(i), pointer + "/" + i, errors);
            }
        }
    }

    /**
     * Control characters, bidirectional overrides and invisible formatting characters have no place in a case
     * record's text and are a classic way to make one value display as another (a team name that reads as a
     * different team in a report). Returns a description of the first one found, or null.
     */
    static String unsafeCharacter(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isISOControl(cp)) {
                return String.format("a control character (U+%04X)", cp);
            }
            if (Character.getType(cp) == Character.FORMAT) {
                return String.format("an invisible formatting character (U+%04X)", cp);
            }
            if (Character.isSurrogate(text.charAt(i)) && Character.charCount(cp) == 1) {
                return "an unpaired surrogate";
            }
            if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) {
                return String.format("a Unicode noncharacter (U+%04X)", cp);
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    private static FieldError toFieldError(Error error) {
        String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        String pointer = "/data" + (location.equals("/") ? "" : location);
        String keyword = error.getKeyword() == null ? "schema" : error.getKeyword();
        // For 'required' and 'additionalProperties' the error sits on the parent; name the property itself.
        if (error.getProperty() != null && ("required".equals(keyword) || "additionalProperties".equals(keyword))) {
            pointer = pointer + "/" + EnvelopeValidator.escape(error.getProperty());
        }
        return new FieldError(pointer, keyword, error.getMessage());
    }
}
