package org.ete.analysis.reoffending;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.ete.analysis.breakdown.Dimension;
import org.ete.analysis.disclosure.CellKeyPerturbation;
import org.ete.analysis.projection.PeopleIndex;
import org.ete.analysis.projection.PersonState;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reoffending aggregates kept live from the people index. A cube for a (cohort, follow-up, dimensions)
 * combination is built from the index the first time it is asked for, then kept up to date on every change,
 * so only combinations someone uses cost memory and update time.
 */
@ApplicationScoped
public class ReoffendingCubes {
    private record Key(Cohort cohort, MeasuredFrom measuredFrom, List<Dimension> dimensions) {
    }

    private final PeopleIndex index;
    private final CellKeyPerturbation perturbation;

    private final Map<Key, ReoffendingCube> cubes = new ConcurrentHashMap<>();

    ReoffendingCubes(PeopleIndex index, CellKeyPerturbation perturbation) {
        this.index = index;
        this.perturbation = perturbation;
    }

    /** Called under the index's write lock for every change. */
    void onChange(@Observes PeopleIndex.PersonChanged change) {
        for (ReoffendingCube cube : cubes.values()) {
            cube.add(change.before(), -1);
            cube.add(change.after(), +1);
        }
    }

    public Map<List<String>, ReoffendingCube.GroupSums> query(Cohort cohort, MeasuredFrom measuredFrom,
                                                               List<Dimension> by, LocalDate from, LocalDate to,
                                                               LocalDate asOf) {
        index.readLock().lock();
        try {
            ReoffendingCube cube = cubes.computeIfAbsent(new Key(cohort, measuredFrom, List.copyOf(by)), k -> {
                ReoffendingCube c = new ReoffendingCube(k.cohort(), k.measuredFrom(), k.dimensions(),
                        perturbation::recordKey);
                for (PersonState p : index.all()) {
                    c.add(p, +1);
                }
                return c;
            });
            return cube.query(from, to, asOf);
        } finally {
            index.readLock().unlock();
        }
    }
}
