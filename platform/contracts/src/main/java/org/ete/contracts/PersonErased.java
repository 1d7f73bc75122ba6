package org.ete.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A person was erased ({@code ete.privacy.person-erased.v1} on {@link Topics#PRIVACY_ERASURES}). Published in Kafka
 * binary mode: key and {@code ce_subject} = the person id, {@code ce_id} = the erasure id, {@code ce_type} =
 * {@link #TYPE}, {@code ce_source} = {@code urn:ete:service:<origin>}; the value is this record as JSON. It never
 * holds the case reference: only the pseudonymous person id (a keyed hash the analysis side cannot reverse), which the
 * consumers need to find the person's events and to honour the erasure on replay.
 *
 * @param erasureId the erasure's id (a UUID), as answered to the caller
 * @param personId  the pseudonymous person id (64 lower-case hex characters)
 * @param erasedAt  when the receiving service recorded the erasure
 * @param origin    the id of the producing service that received the request ({@link Service#id()})
 */
public record PersonErased(String erasureId, String personId, Instant erasedAt, String origin) {
    /** The CloudEvent {@code type}. */
    public static final String TYPE = "ete.privacy.person-erased.v1";
    private static final Pattern PERSON_ID = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    public PersonErased {
        Objects.requireNonNull(erasureId, "erasureId");
        Objects.requireNonNull(erasedAt, "erasedAt");
        Objects.requireNonNull(origin, "origin");
        if (personId == null || !PERSON_ID.matcher(personId).matches()) {
            throw new IllegalArgumentException("personId must be 64 lower-case hex characters");
        }
    }

    /** The CloudEvent {@code source} of an erasure received by {@code origin}. */
    public String source() {
        return "urn:ete:service:" + origin;
    }

    public byte[] toJson() {
        ObjectNode n = JSON.createObjectNode().put("erasureId", erasureId).put("personId", personId)
                .put("erasedAt", erasedAt.toString()).put("origin", origin);
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a record's value.
     *
     * @throws IllegalArgumentException if it is not an erasure (a consumer dead-letters or skips it, never guesses)
     */
    public static PersonErased fromJson(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("no value");
        }
        try {
            JsonNode n = JSON.readTree(value);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return new PersonErased(text(n, "erasureId"), text(n, "personId"), Instant.parse(text(n, "erasedAt")),
                    text(n, "origin"));
        } catch (IOException | DateTimeParseException e) {
            throw new IllegalArgumentException("not an erasure: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return v.textValue();
    }
}
