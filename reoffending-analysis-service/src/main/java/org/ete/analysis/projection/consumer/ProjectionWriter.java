package org.ete.analysis.projection.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import org.ete.analysis.projection.ErasedPeople;
import org.ete.analysis.projection.PeopleIndex;
import org.ete.analysis.projection.PersonState;
import org.ete.analysis.projection.PersonStore;
import org.ete.servicekit.failure.TransientFailures;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.Lock;

/**
 * Writes decoded events into one generation's person documents and, when that generation is live, into the people
 * index and the metrics too (a rebuilding generation is invisible until the switch). Facts are keyed by event identity,
 * so writing an event again changes nothing.
 */
@ApplicationScoped
public class ProjectionWriter {
    private final PersonStore store;
    private final PeopleIndex index;
    private final ProjectionMetrics metrics;
    private final ErasedPeople erased;

    ProjectionWriter(PersonStore store, PeopleIndex index, ProjectionMetrics metrics, ErasedPeople erased) {
        this.store = store;
        this.index = index;
        this.metrics = metrics;
        this.erased = erased;
    }

    /**
     * Writes one event; {@code timeFreshness} false when the event is not arriving now (a dead-letter replay), so the
     * freshness timer measures the pipeline, not the operator.
     *
     * @throws PoisonException {@link PoisonReason#APPLY_FAILED} if the write fails for a reason retrying cannot cure
     * @throws RuntimeException a transient failure (MongoDB unavailable): nothing is lost, try again
     */
    Outcome write(DecodedEvent event, int generation, boolean live, boolean timeFreshness) {
        Lock applying = erased.applying();
        applying.lock();
        try {
            if (erased.isErased(event.subject())) {
                metrics.erasedSkipped(1);
                return Outcome.ERASED;
            }
            return writeUnguarded(event, generation, live, timeFreshness);
        } finally {
            applying.unlock();
        }
    }

    private Outcome writeUnguarded(DecodedEvent event, int generation, boolean live, boolean timeFreshness) {
        PersonState state;
        try {
            state = store.apply(generation, event.subject(), event.fact());
            if (state != null && live) {
                index.put(state);
            }
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e)) {
                throw e;
            }
            throw new PoisonException(PoisonReason.APPLY_FAILED, e.toString(), event.fact().type(), event.id());
        }
        if (state == null) {
            return Outcome.ALREADY_APPLIED;
        }
        if (live) {
            metrics.applied(event.fact(), Instant.now(), timeFreshness);
        }
        return Outcome.APPLIED;
    }

    /**
     * The fast path for a poll: one read and one bulk write for all the people the events touch
     * ({@link PersonStore#applyAll}); the index and metrics follow. Throws if anything fails, and the caller writes
     * the poll again event by event.
     */
    void writeAll(List<DecodedEvent> events, int generation, boolean live) {
        if (events.isEmpty()) {
            return;
        }
        Lock applying = erased.applying();
        applying.lock();
        try {
            writeAllUnguarded(events, generation, live);
        } finally {
            applying.unlock();
        }
    }

    private void writeAllUnguarded(List<DecodedEvent> events, int generation, boolean live) {
        List<PersonStore.PersonFact> facts = new ArrayList<>(events.size());
        int skipped = 0;
        for (DecodedEvent e : events) {
            if (erased.isErased(e.subject())) {
                skipped++; // an erased person: never applied again, live or in a rebuild
                continue;
            }
            facts.add(new PersonStore.PersonFact(e.subject(), e.fact()));
        }
        if (skipped > 0) {
            metrics.erasedSkipped(skipped);
        }
        if (facts.isEmpty()) {
            return;
        }
        PersonStore.BatchApplied result = store.applyAll(generation, facts);
        if (!live) {
            return;
        }
        result.states().values().forEach(index::put);
        Instant now = Instant.now();
        for (PersonStore.PersonFact pf : result.applied()) {
            metrics.applied(pf.fact(), now, true);
        }
    }

    /**
     * Puts the stored state of {@code people} into the index: after a failed batch, the facts it had already written
     * were answered "already applied" one by one, so the index has not seen them yet.
     */
    void reindex(int generation, Collection<String> people) {
        Lock applying = erased.applying();
        applying.lock();
        try {
            store.states(generation, people).values().stream().filter(p -> !erased.isErased(p.personId()))
                    .forEach(index::put);
        } finally {
            applying.unlock();
        }
    }
}
