package org.ete.analysis.projection;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory read model: every person's derived state, filled from MongoDB at start and replaced after
 * each successful write. Views read only this, never MongoDB, so a query costs no I/O.
 */
@ApplicationScoped
public class PeopleIndex {
    private final Map<String, PersonState> people = new ConcurrentHashMap<>();

    public void put(PersonState state) {
        people.put(state.personId(), state);
    }

    public Collection<PersonState> all() {
        return people.values();
    }

    public int size() {
        return people.size();
    }

    public void clear() {
        people.clear();
    }
}
