package org.ete.analysis.http;

import org.ete.analysis.breakdown.Dimension;
import org.ete.servicekit.problem.FieldError;
import org.ete.servicekit.problem.Problem;
import org.ete.servicekit.problem.ProblemException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Parses the views' query parameters, answering 400 problem+json that names the parameter and the rule. */
public final class QueryParameters {
    /** At most this many {@code by} dimensions at once: each more multiplies the cells a cube keeps (ADR 0003). */
    public static final int MAX_DIMENSIONS = 3;

    private QueryParameters() {
    }

    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name, "date", name + " must be a date YYYY-MM-DD, was '" + value + "'");
        }
    }

    public static void window(LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw invalid("to", "not-before-from", "to (" + to + ") is before from (" + from + ")");
        }
    }

    /** The {@code by} dimensions, repeated or comma-separated, each at most once, at most {@link #MAX_DIMENSIONS}. */
    public static List<Dimension> dimensions(List<String> by) {
        List<Dimension> out = new ArrayList<>();
        for (String item : by == null ? List.<String>of() : by) {
            for (String name : item.split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                try {
                    Dimension d = Dimension.fromWire(name.trim());
                    if (out.contains(d)) {
                        throw invalid("by", "unique", "by names " + d.wire() + " twice");
                    }
                    out.add(d);
                } catch (IllegalArgumentException e) {
                    throw invalid("by", "enum", e.getMessage());
                }
            }
        }
        if (out.size() > MAX_DIMENSIONS) {
            throw invalid("by", "max-items", "at most " + MAX_DIMENSIONS + " dimensions at once");
        }
        return out;
    }

    public static ProblemException invalid(String name, String rule, String message) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + "invalid-request", "The request is invalid", 400,
                message, null, null, List.of(new FieldError("/query/" + name, rule, message))));
    }
}
