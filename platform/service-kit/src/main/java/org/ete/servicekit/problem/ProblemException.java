package org.ete.servicekit.problem;

/** Thrown anywhere in request handling to answer with a problem+json body; never logged as an error. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
