package org.ete.eventkit.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.ete.eventkit.ingest.EnvelopeValidator;
import org.ete.servicekit.problem.FieldError;
import org.ete.servicekit.problem.Problem;
import org.ete.servicekit.problem.ProblemException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CloudEvents HTTP binary mode (HTTP protocol binding 1.0, section 3.1): the attributes travel as {@code ce-*}
 * headers, the data is the body. The headers are turned into the same JSON envelope a structured-mode event is, so
 * {@link EnvelopeValidator} and the rest of the ingest judge both modes by one set of rules: {@code ce-time: x} is
 * the field error {@code /time}, an unknown {@code ce-xyz} is the unknown attribute {@code /xyz}, a body that is not
 * an object is {@code /data}.
 * <p>
 * A request is in binary mode when its Content-Type is {@code application/json} and it carries at least one
 * {@code ce-} header; {@code application/cloudevents+json}, and {@code application/json} without {@code ce-}
 * headers, stay structured mode (what the endpoint accepted before binary mode existed).
 */
final class BinaryMode {
    static final String PREFIX = "ce-";
    /** The distributed-tracing extension travels in the W3C Trace Context headers themselves, not as ce-*. */
    private static final List<String> TRACE_HEADERS = List.of("traceparent", "tracestate");

    private BinaryMode() {
    }

    static boolean isBinary(HttpHeaders headers) {
        MediaType type = headers.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.isWildcardSubtype()) {
            return false;
        }
        return headers.getRequestHeaders().keySet().stream()
                .anyMatch(name -> name.toLowerCase(Locale.ROOT).startsWith(PREFIX));
    }

    /**
     * The envelope the headers describe, with {@code data} the parsed body. A header sent twice becomes an array, so
     * the validator answers "must be a string" for it, as it would for an array in structured mode.
     */
    static ObjectNode envelope(HttpHeaders headers, JsonNode data) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, List<String>> header : headers.getRequestHeaders().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String attribute = name.substring(PREFIX.length());
            if (attribute.equals("data") || attribute.equals("data_base64")) {
                throw new ProblemException(Problem.invalid("In binary mode the data is the body, not a header",
                        List.of(new FieldError("/" + EnvelopeValidator.escape(attribute), "unknown-attribute",
                                "send the data as the body; " + PREFIX + attribute + " is not allowed"))));
            }
            put(envelope, attribute, header.getValue());
        }
        for (String trace : TRACE_HEADERS) {
            List<String> values = headers.getRequestHeader(trace);
            if (values != null && !values.isEmpty() && !envelope.has(trace)) {
                put(envelope, trace, values);
            }
        }
        envelope.set("data", data);
        return envelope;
    }

    private static void put(ObjectNode envelope, String attribute, List<String> values) {
        if (values.size() == 1) {
            envelope.put(attribute, decode(attribute, values.get(0)));
        } else {
            ArrayNode all = envelope.putArray(attribute);
            values.forEach(v -> all.add(decode(attribute, v)));
        }
    }

    /**
     * Header values are percent-encoded UTF-8 where they hold anything outside printable ASCII, space, '"' or '%'
     * (binding section 3.1.3.2); a broken escape or invalid UTF-8 is a field error of that attribute.
     */
    static String decode(String attribute, String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                int hi = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(value.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw badEncoding(attribute);
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw badEncoding(attribute);
        }
    }

    private static ProblemException badEncoding(String attribute) {
        return new ProblemException(Problem.invalid("A ce-* header is not validly percent-encoded UTF-8",
                List.of(new FieldError("/" + EnvelopeValidator.escape(attribute), "percent-encoding",
                        PREFIX + attribute + " must be percent-encoded UTF-8"))));
    }
}
