package org.ete.analysis.projection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.Collection;
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
    /** A person's state changed; {@code before} is null for a new person. */
    public record PersonChanged(PersonState before, PersonState after) {
    }

    private final Map<String, PersonState> people = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    @Inject
    Event<PersonChanged> changes;

    public void put(PersonState state) {
        lock.writeLock().lock();
        try {
            PersonState before = people.put(state.personId(), state);
            changes.fire(new PersonChanged(before, state));
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
