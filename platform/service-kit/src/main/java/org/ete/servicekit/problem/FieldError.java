package org.ete.servicekit.problem;

/**
 * One broken rule of one field, as RFC 9457 extension member {@code errors[]}.
 *
 * @param field   JSON Pointer into the request body, e.g. {@code /data/hoursPerWeek}; "" for the whole body
 * @param rule    short machine-readable rule name, e.g. {@code required}, {@code enum}, {@code not-in-future}
 * @param message human-readable explanation
 */
public record FieldError(String field, String rule, String message) {
}
