package org.ete.eventkit.ingest;

import org.ete.servicekit.problem.Problem;
import org.ete.eventkit.store.StoredEvent;

/** The outcome of one event: accepted (stored now), duplicate (stored before) or rejected (nothing stored). */
public record IngestResult(Outcome outcome, StoredEvent event, Problem problem) {

    public enum Outcome {
        ACCEPTED, DUPLICATE, REJECTED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static IngestResult accepted(StoredEvent event) {
        return new IngestResult(Outcome.ACCEPTED, event, null);
    }

    static IngestResult duplicate(StoredEvent event) {
        return new IngestResult(Outcome.DUPLICATE, event, null);
    }

    static IngestResult rejected(Problem problem) {
        return new IngestResult(Outcome.REJECTED, null, problem);
    }
}
