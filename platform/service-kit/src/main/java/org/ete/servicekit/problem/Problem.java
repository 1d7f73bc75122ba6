package org.ete.servicekit.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * RFC 9457 problem details. {@code status} always equals the HTTP status it is sent with.
 * {@code errors} is present for field errors; {@code rule} names the broken domain rule.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      String rule, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Problem type URIs live under one base so documentation can list them. */
    public static final String TYPE_BASE = "https://ete.example/problems/";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null, null, null);
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + "invalid-event", "The event is invalid", 400, detail, null, null,
                List.copyOf(errors));
    }

    public static Problem ruleBroken(int status, String rule, String field, String detail) {
        return new Problem(TYPE_BASE + "rule/" + rule, "A domain rule was broken: " + rule, status, detail, null, rule,
                field == null ? null : List.of(new FieldError(field, rule, detail)));
    }

    public Problem withInstance(String newInstance) {
        return new Problem(type, title, status, detail, newInstance, rule, errors);
    }
}
