package org.ete.analysis.api;

import org.ete.servicekit.problem.FieldError;
import org.ete.servicekit.problem.Problem;
import org.ete.servicekit.problem.ProblemException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Parses the views' query parameters, answering 400 problem+json that names the parameter and the rule. */
final class QueryParameters {
    private QueryParameters() {
    }

    static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name, "date", name + " must be a date YYYY-MM-DD, was '" + value + "'");
        }
    }

    static void window(LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw invalid("to", "not-before-from", "to (" + to + ") is before from (" + from + ")");
        }
    }

    static ProblemException invalid(String name, String rule, String message) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + "invalid-request", "The request is invalid", 400,
                message, null, null, List.of(new FieldError("/query/" + name, rule, message))));
    }
}
