package org.ete.analysis.projection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory read model: every person's derived state, filled from MongoDB at start and replaced after
 * each successful write. Views read only this (and the aggregates kept from it), never MongoDB.
 * A change is applied and announced under the write lock, so an aggregate built under the read lock never
 * sees a person twice or misses one.
 */
@ApplicationScoped
public class PeopleIndex {
    /**
     * A person's state changed; {@code before} is null for a new person. {@code after} is never null: a person
     * absent from a generation {@link #replaceAll} switches to leaves with an {@code after} derived from no facts
     * (which every view counts as nothing), and is then dropped from the index.
     */
    public record PersonChanged(PersonState before, PersonState after) {
    }

    /**
     * The whole index was replaced (a projection generation switch). Fired under the write lock after the
     * {@link PersonChanged} of every person whose state differs, so an observer that keeps aggregates up to date
     * from those changes needs nothing more; one that would rather rebuild may drop its caches here instead.
     */
    public record Reset(int people, int changed) {
    }

    private final Map<String, PersonState> people = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private final Event<PersonChanged> changes;
    private final Event<Reset> resets;

    PeopleIndex(Event<PersonChanged> changes, Event<Reset> resets) {
        this.changes = changes;
        this.resets = resets;
    }

    public void put(PersonState state) {
        lock.writeLock().lock();
        try {
            PersonState before = people.put(state.personId(), state);
            changes.fire(new PersonChanged(before, state));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Removes a person (an erasure): announced like a person leaving in {@link #replaceAll}, with an {@code after}
     * derived from no facts, so every aggregate kept from the changes drops exactly that person's contribution.
     *
     * @return whether the person was in the index
     */
    public boolean remove(String personId) {
        lock.writeLock().lock();
        try {
            PersonState before = people.remove(personId);
            if (before == null) {
                return false;
            }
            changes.fire(new PersonChanged(before, PersonState.derive(personId, List.of())));
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Replaces every state with {@code states} atomically for readers (they hold {@link #readLock()}): people
     * missing from {@code states} leave, the rest are put, and a change is announced only where the state differs.
     * A rebuild that reproduces the same states (the normal case) therefore announces nothing but the reset.
     *
     * @return how many people changed, left or arrived
     */
    public int replaceAll(Collection<PersonState> states) {
        Map<String, PersonState> next = new HashMap<>(states.size() * 2);
        for (PersonState s : states) {
            next.put(s.personId(), s);
        }
        lock.writeLock().lock();
        try {
            int changed = 0;
            List<String> gone = new ArrayList<>();
            for (String id : people.keySet()) {
                if (!next.containsKey(id)) {
                    gone.add(id);
                }
            }
            for (String id : gone) {
                PersonState before = people.remove(id);
                changes.fire(new PersonChanged(before, PersonState.derive(id, List.of())));
                changed++;
            }
            for (PersonState after : next.values()) {
                PersonState before = people.put(after.personId(), after);
                if (!after.equals(before)) {
                    changes.fire(new PersonChanged(before, after));
                    changed++;
                }
            }
            resets.fire(new Reset(people.size(), changed));
            return changed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Readers of {@link #all()} or of aggregates hold this while they read. */
    public ReentrantReadWriteLock.ReadLock readLock() {
        return lock.readLock();
    }

    public Collection<PersonState> all() {
        return people.values();
    }

    public int size() {
        return people.size();
    }
}
