package org.ete.analysis.operations;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ete.analysis.projection.consumer.GenerationSwitch;
import org.ete.analysis.projection.consumer.Outcome;
import org.ete.analysis.projection.consumer.PoisonException;
import org.ete.servicekit.failure.TransientFailures;
import org.ete.servicekit.problem.Problem;
import org.ete.servicekit.problem.ProblemException;

import java.time.Instant;

/** Applies a dead letter again from its stored copy, once what made it fail has been repaired. */
@ApplicationScoped
public class DeadLetterReplay {
    /** A successful replay; {@code outcome} is {@code applied}, or {@code already-applied} if nothing changed. */
    public record Replayed(String id, String status, String outcome, Instant replayedAt) {
    }

    private final DeadLetters deadLetters;
    private final GenerationSwitch generations;

    DeadLetterReplay(DeadLetters deadLetters, GenerationSwitch generations) {
        this.deadLetters = deadLetters;
        this.generations = generations;
    }

    /**
     * Applies the stored copy of dead letter {@code id} again, to the active generation.
     *
     * @throws ProblemException 404 for an unknown id, 422 (naming the reason) if it still cannot be applied (the
     *                          dead letter is left as it was), 503 if MongoDB is unavailable
     */
    public Replayed replay(String id) {
        ConsumerRecord<String, byte[]> original = deadLetters.original(id).orElseThrow(() -> new ProblemException(
                Problem.of(404, "dead-letter-not-found", "No such dead letter",
                        "There is no dead letter with id '" + id + "'")));
        Outcome outcome;
        try {
            outcome = generations.replay(original);
        } catch (PoisonException e) {
            throw new ProblemException(new Problem(Problem.TYPE_BASE + "dead-letter-still-failing",
                    "The dead letter still cannot be applied", 422, e.reason().wire() + ": " + e.getMessage(), null,
                    e.reason().wire(), null));
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e)) {
                throw new ProblemException(Problem.of(503, "projection-unavailable",
                        "The projection store is unavailable", "The dead letter was not replayed: " + e.getMessage() + "; try again later"));
            }
            throw e;
        }
        Instant replayedAt = deadLetters.markReplayed(id);
        return new Replayed(id, DeadLetters.REPLAYED, outcome == Outcome.APPLIED ? "applied"
                : outcome == Outcome.ERASED ? "erased" : "already-applied",
                replayedAt);
    }
}
