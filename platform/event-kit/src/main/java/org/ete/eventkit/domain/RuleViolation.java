package org.ete.eventkit.domain;

import org.ete.servicekit.problem.Problem;
import org.ete.servicekit.problem.ProblemException;

/**
 * A broken domain rule. 409 when the event conflicts with what the stream already holds (a repeat
 * completion); 422 when a prerequisite is missing or a date is impossible. Nothing is stored.
 */
public final class RuleViolation extends ProblemException {

    private RuleViolation(Problem problem) {
        super(problem);
    }

    /** The stream already holds a fact this event contradicts. */
    public static RuleViolation conflict(String rule, String field, String detail) {
        return new RuleViolation(Problem.ruleBroken(409, rule, field, detail));
    }

    /** A prerequisite is missing or a date is impossible. */
    public static RuleViolation unprocessable(String rule, String field, String detail) {
        return new RuleViolation(Problem.ruleBroken(422, rule, field, detail));
    }
}
