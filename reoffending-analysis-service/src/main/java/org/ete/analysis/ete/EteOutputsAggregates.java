package org.ete.analysis.ete;

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
 * The ETE output aggregates kept live from the people index, like the reoffending cubes: each is built from the
 * index the first time it is asked for (under the index's read lock, so no change is missed or counted twice), then
 * updated on every {@link PeopleIndex.PersonChanged} (fired under the write lock). Queries read cells, never people.
 */
@ApplicationScoped
public class EteOutputsAggregates {
    /** What a query reads, taken under one read lock so the three parts describe the same moment. */
    public record Snapshot(Map<List<String>, EteOutputsCube.Counts> outputs,
                           EteOutputsCategoryCube.Result coursesCompleted,
                           EteOutputsCategoryCube.Result jobsStarted) {
    }

    private static final String COURSES = "courses-completed";
    private static final String JOBS = "jobs-started";

    private final PeopleIndex index;
    private final CellKeyPerturbation perturbation;

    private final Map<List<Dimension>, EteOutputsCube> outputCubes = new ConcurrentHashMap<>();
    private final Map<String, EteOutputsCategoryCube> categoryCubes = new ConcurrentHashMap<>();

    EteOutputsAggregates(PeopleIndex index, CellKeyPerturbation perturbation) {
        this.index = index;
        this.perturbation = perturbation;
    }

    /** Called under the index's write lock for every change. */
    void onChange(@Observes PeopleIndex.PersonChanged change) {
        for (EteOutputsCube cube : outputCubes.values()) {
            cube.add(change.before(), -1);
            cube.add(change.after(), +1);
        }
        for (EteOutputsCategoryCube cube : categoryCubes.values()) {
            cube.add(change.before(), -1);
            cube.add(change.after(), +1);
        }
    }

    /** Took up / found work / sustained per group of {@code by} for take-up dates in [from, to], plus the courses
     * completed and jobs started dated in [from, to], as of {@code asOf} (null: everything recorded; else the first
     * day of a month, and nothing dated after it counts). */
    public Snapshot query(List<Dimension> by, LocalDate from, LocalDate to, LocalDate asOf) {
        index.readLock().lock();
        try {
            EteOutputsCube outputs = outputCubes.computeIfAbsent(List.copyOf(by),
                    k -> fill(new EteOutputsCube(k, perturbation::recordKey)));
            EteOutputsCategoryCube courses = categoryCubes.computeIfAbsent(COURSES,
                    k -> fill(new EteOutputsCategoryCube(EteOutputsCategoryCube::coursesCompleted,
                            perturbation::recordKey)));
            EteOutputsCategoryCube jobs = categoryCubes.computeIfAbsent(JOBS,
                    k -> fill(new EteOutputsCategoryCube(EteOutputsCategoryCube::jobsStarted,
                            perturbation::recordKey)));
            // Courses and jobs are counted on their own dates: as of asOf, those after it have not happened yet.
            LocalDate until = asOf == null || (to != null && to.isBefore(asOf)) ? to : asOf;
            return new Snapshot(outputs.query(from, to, asOf), courses.query(from, until), jobs.query(from, until));
        } finally {
            index.readLock().unlock();
        }
    }

    private EteOutputsCube fill(EteOutputsCube cube) {
        for (PersonState p : index.all()) {
            cube.add(p, +1);
        }
        return cube;
    }

    private EteOutputsCategoryCube fill(EteOutputsCategoryCube cube) {
        for (PersonState p : index.all()) {
            cube.add(p, +1);
        }
        return cube;
    }
}
