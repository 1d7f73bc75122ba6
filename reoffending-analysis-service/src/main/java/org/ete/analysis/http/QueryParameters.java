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

    /** The years a date parameter may name: beyond them date arithmetic (547 days, 12 months) would overflow. */
    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2200;

    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name, "date", name + " must be a date YYYY-MM-DD, was '" + value + "'");
        }
        if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
            throw invalid(name, "date-range", name + " must be a date in the years " + MIN_YEAR + "-" + MAX_YEAR
                    + ", was '" + value + "'");
        }
        return date;
    }

    /** The rule a {@code from} or {@code asOf} breaks when it is not the first day of a month. */
    public static final String FIRST_DAY_OF_MONTH = "first-day-of-month";
    /** The rule a {@code to} breaks when it is not the last day of a month. */
    public static final String LAST_DAY_OF_MONTH = "last-day-of-month";

    /**
     * Windows and as-of dates are calendar-month granular (DOMAIN.md, disclosure control): two answers a day apart
     * would differ by the people of one day, often one person, and isolate their outcome. {@code from} must be the
     * first day of a month; null when not given.
     */
    public static LocalDate from(String value) {
        return firstOfMonth("from", value);
    }

    /** {@code to}, the last day of a month; null when not given. */
    public static LocalDate to(String value) {
        LocalDate to = date("to", value);
        if (to != null && to.getDayOfMonth() != to.lengthOfMonth()) {
            throw invalid("to", LAST_DAY_OF_MONTH, "to must be the last day of a month (windows are whole calendar "
                    + "months, so that no two answers differ by less than a month of people), was '" + value + "'");
        }
        return to;
    }

    /** {@code asOf}, the first day of a month; when not given, the first day of the current month. */
    public static LocalDate asOf(String value) {
        LocalDate asOf = firstOfMonth("asOf", value);
        return asOf == null ? LocalDate.now().withDayOfMonth(1) : asOf;
    }

    private static LocalDate firstOfMonth(String name, String value) {
        LocalDate date = date(name, value);
        if (date != null && date.getDayOfMonth() != 1) {
            throw invalid(name, FIRST_DAY_OF_MONTH, name + " must be the first day of a month (windows and as-of dates "
                    + "are whole calendar months, so that no two answers differ by less than a month of people), was '"
                    + value + "'");
        }
        return date;
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
