package org.ete.eventkit.ingest;

import org.ete.contracts.EventCatalogue;
import org.ete.eventkit.domain.DomainEvent;
import org.ete.eventkit.domain.StreamRules;
import org.ete.eventkit.store.EventStore;
import org.ete.eventkit.store.StoredEvent;
import org.ete.servicekit.problem.Problem;
import org.ete.servicekit.problem.ProblemException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many events (a batch, or single requests committed together) are decided in memory, in arrival order, against
 * their people's streams as read once: a repeat of an earlier event of the group is answered like it, an event already
 * in its stream is a duplicate, the rules judge the rest against the stream so far, which includes the group's
 * earlier events provisionally (so a take-up may follow its referral in the same group). Pure: the store is read
 * before and written after, by {@link IngestService}.
 */
final class AppendPlan {

    /** What the plan decided for one event. */
    sealed interface Decision permits Append, Duplicate, RepeatOf, Broken {
    }

    /** Accepted, if the bulk insert takes it. */
    record Append(EventStore.NewEvent event) implements Decision {
    }

    /** Already in its person's stream. */
    record Duplicate(StoredEvent stored) implements Decision {
    }

    /** The same (source, id) as the group's earlier event {@code first}: answered like it. */
    record RepeatOf(int first) implements Decision {
    }

    /** A rule broken against the stream as read (plus the group's earlier events of the person). */
    record Broken(Problem problem) implements Decision {
    }

    private AppendPlan() {
    }

    /**
     * Decides {@code candidates} in order; a null candidate (already answered, e.g. invalid) gets a null decision.
     * {@code streams} holds the stream of every candidate's person, oldest first.
     */
    static Decision[] decide(List<IncomingEvent> candidates, Map<String, List<StoredEvent>> streams, StreamRules rules) {
        Decision[] decisions = new Decision[candidates.size()];
        Map<String, Integer> firstByIdentity = new HashMap<>();
        Map<String, StreamSoFar> sofar = new HashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            IncomingEvent c = candidates.get(i);
            if (c == null) {
                continue;
            }
            Integer first = firstByIdentity.putIfAbsent(c.source() + "\u0000" + c.id(), i);
            if (first != null) {
                decisions[i] = new RepeatOf(first);
                continue;
            }
            StreamSoFar stream = sofar.computeIfAbsent(c.personId(), p -> new StreamSoFar(streams.get(p)));
            StoredEvent self = stream.find(c.source(), c.id());
            if (self != null) {
                decisions[i] = new Duplicate(self);
                continue;
            }
            try {
                rules.check(c.event(), stream.events());
            } catch (ProblemException e) {
                decisions[i] = new Broken(e.problem());
                continue;
            }
            EventStore.NewEvent e = new EventStore.NewEvent(c.personId(), stream.nextVersion(), c.type(),
                    c.schemaVersion(), c.occurredAt(), c.source(), c.id(), c.time(), c.data(), rules.derive(c.event()));
            decisions[i] = new Append(e);
            // Provisional, so later events of this person in the group are judged against it.
            stream.add(new StoredEvent(-1, e.stream(), e.version(), e.type(), e.schemaVersion(), e.occurredAt(),
                    null, e.source(), e.id(), e.time(), e.data(), e.derived(), null), c.event());
        }
        return decisions;
    }

    /** The stream as the rules see it. The store has already brought each event to the current shape of its type. */
    static List<DomainEvent> domainEvents(List<StoredEvent> history) {
        List<DomainEvent> events = new ArrayList<>(history.size());
        for (StoredEvent e : history) {
            events.add(DomainEvent.read(EventCatalogue.require(e.type()), e.stream(), e.occurredAt(), e.data()));
        }
        return events;
    }

    /**
     * A person's stream during a group: as stored (for repeats and the next version) and as the rules see it, each
     * stored event read into its domain event once rather than once per later event of the group.
     */
    private record StreamSoFar(List<StoredEvent> stored, List<DomainEvent> events) {
        StreamSoFar(List<StoredEvent> stored) {
            this(new ArrayList<>(stored), domainEvents(stored));
        }

        StoredEvent find(String source, String id) {
            for (StoredEvent e : stored) {
                if (e.source().equals(source) && e.id().equals(id)) {
                    return e;
                }
            }
            return null;
        }

        int nextVersion() {
            return stored.isEmpty() ? 1 : stored.get(stored.size() - 1).version() + 1;
        }

        void add(StoredEvent event, DomainEvent domain) {
            stored.add(event);
            events.add(domain);
        }
    }
}
