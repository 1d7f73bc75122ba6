package org.ete.analysis.academy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.ete.analysis.projection.AcademyRecord;
import org.ete.analysis.projection.PeopleIndex;
import org.ete.analysis.projection.PersonState;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Academy people (those with any Academy fact), kept live from the people index so that the Academy view scans
 * only them (hundreds) and never the whole index of service users. Built from the index on first use under its read
 * lock, then updated on every {@link PeopleIndex.PersonChanged} (fired under the write lock).
 */
@ApplicationScoped
public class AcademyRoster {
    private final PeopleIndex index;

    /** Written only under the index's write lock (or, when first filled, the read lock with {@link #filled} unset). */
    private final Map<String, AcademyRecord> people = new HashMap<>();
    private volatile boolean filled;

    AcademyRoster(PeopleIndex index) {
        this.index = index;
    }

    /** Called under the index's write lock for every change. */
    void onChange(@Observes PeopleIndex.PersonChanged change) {
        if (filled) {
            apply(change.after());
        }
    }

    private void apply(PersonState p) {
        if (p.academy() == null) {
            people.remove(p.personId());
        } else {
            people.put(p.personId(), p.academy());
        }
    }

    /** A copy of every Academy person's record, consistent with one moment of the index. */
    public List<AcademyRecord> snapshot() {
        index.readLock().lock();
        try {
            if (!filled) {
                synchronized (this) { // two first readers may hold the read lock together
                    if (!filled) {
                        for (PersonState p : index.all()) {
                            apply(p);
                        }
                        filled = true;
                    }
                }
            }
            synchronized (this) {
                return List.copyOf(people.values());
            }
        } finally {
            index.readLock().unlock();
        }
    }
}
