package org.ete.analysis.reoffending;

import jakarta.enterprise.event.Event;
import org.ete.analysis.breakdown.Dimension;
import org.ete.analysis.disclosure.CellKeyPerturbation;
import org.ete.analysis.disclosure.RecordKeys;
import org.ete.analysis.projection.Fact;
import org.ete.analysis.projection.PeopleIndex;
import org.ete.analysis.projection.PersonState;
import org.ete.bench.query.DuckDbBaseline;
import org.ete.bench.query.ObservedEvent;
import org.ete.bench.query.SyntheticPeople;
import org.ete.testsupport.ServiceProcess;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Figure 4: the reoffending breakdown (cohort ete, by team and age band, index dates 2018-04-01..2021-03-31, as of
 * 2022-10-01) over 100k, 1M and 10M events, answered by the platform's in-memory path (the people index, the cubes
 * built from it on first use and {@link ReoffendingQuery#report}, disclosure control and cell-key perturbation
 * included) and, in the same run, by DuckDB SQL over the same events exported as Parquet. Both must give the same
 * exact figures per cell first (people, matured, observed, expected, before perturbation), or the bench fails.
 * Also times the first query of a new combination (it builds the cube from the index) and the old scan baseline
 * (every person per query). Lives in the cube's package to reach the package-private constructors of the cubes and
 * the query without widening the production API.
 */
public final class ReoffendingQueryBench {
    static final List<Dimension> BY = List.of(Dimension.TEAM, Dimension.AGE_BAND);
    static final LocalDate FROM = LocalDate.parse("2018-04-01"), TO = LocalDate.parse("2021-03-31");
    static final LocalDate AS_OF = LocalDate.parse("2022-10-01");
    /** The disclosure threshold DOMAIN.md sets (the service's default). */
    static final int THRESHOLD = 10;
    static final int PLATFORM_RUNS = Integer.getInteger("bench.platform-runs", 41);
    static final int DUCKDB_RUNS = Integer.getInteger("bench.duckdb-runs", 9);
    static final int SCAN_RUNS = Integer.getInteger("bench.scan-runs", 7);

    record Result(long target, long events, int people, long parquetBytes, int cells, int groups, double firstQueryMs,
                  double platformMs, double cubeMs, double scanMs, double duckMs) {
    }

    public static void main(String[] args) throws Exception {
        long[] sizes = {100_000, 1_000_000, 10_000_000};
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--events")) {
                sizes = Arrays.stream(args[++i].split(",")).mapToLong(Long::parseLong).toArray();
            }
        }
        Path dir = Files.createTempDirectory("reoffending-query-bench");
        List<String> ratios = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        try {
            for (long target : sizes) {
                Result r = run(target, dir);
                results.add(r);
                ratios.add(String.format("RATIO 4 breakdown-vs-duckdb-%s: %.1f (goal >= 100; %s ms vs %s ms)",
                        label(target), r.duckMs / r.platformMs, ms(r.platformMs), ms(r.duckMs)));
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(ReoffendingQueryBench::delete);
            }
        }
        System.out.println();
        System.out.printf("%-11s %-10s %-9s %-7s %-12s %-12s %-10s %-11s %-12s %-10s %-10s%n", "events", "people",
                "parquet", "groups", "cells", "platform ms", "cube ms", "DuckDB ms", "DuckDB/plat", "scan ms",
                "1st query");
        for (Result r : results) {
            System.out.printf("%-11d %-10d %-9s %-7d %-12d %-12s %-10s %-11s %-12.0f %-10s %-10s%n", r.events,
                    r.people, (r.parquetBytes >> 20) + " MiB", r.groups, r.cells, ms(r.platformMs), ms(r.cubeMs),
                    ms(r.duckMs), r.duckMs / r.platformMs, ms(r.scanMs), ms(r.firstQueryMs));
        }
        Result first = results.get(0), last = results.get(results.size() - 1);
        System.out.printf("platform (report) at the largest size vs the smallest: x%.2f for x%.0f the events%n",
                last.platformMs / first.platformMs, (double) last.events / first.events);
        System.out.printf("first query of a new combination (builds its cube) vs DuckDB: %s%n",
                results.stream().map(r -> String.format("%s %.1fx faster", label(r.target), r.duckMs / r.firstQueryMs))
                        .toList());
        ratios.forEach(System.out::println);
    }

    static Result run(long targetEvents, Path dir) throws Exception {
        System.out.printf("%n== %s events: generating, deriving and exporting%n", label(targetEvents));
        SyntheticPeople generator = new SyntheticPeople(42);
        List<PersonState> states = new ArrayList<>();
        Path spill = dir.resolve("spill-" + targetEvents);
        Path parquet = dir.resolve("events-" + targetEvents + ".parquet");
        long events = 0;
        long t0 = System.nanoTime();
        try (DuckDbBaseline.Export export = DuckDbBaseline.export(spill)) {
            for (int i = 0; events < targetEvents; i++) {
                String id = SyntheticPeople.personId(i);
                List<Fact> facts = generator.person(i);
                for (Fact f : facts) {
                    export.add(id, f);
                }
                events += facts.size();
                states.add(PersonState.derive(id, facts));
            }
            long rows = export.toParquet(parquet);
            if (rows != events) {
                throw new IllegalStateException("exported " + rows + " rows of " + events + " events");
            }
        }
        System.out.printf("%,d events of %,d people in %.1f s; Parquet %,d bytes%n", events, states.size(),
                (System.nanoTime() - t0) / 1e9, DuckDbBaseline.sizeOf(parquet));

        // The platform as the service wires it: the index holds every person; the cubes observe its changes and
        // build a combination's cube from it on first use (ReoffendingCubes), with cell-key record keys on.
        CellKeyPerturbation perturbation = new CellKeyPerturbation(
                new RecordKeys(ServiceProcess.TEST_PERTURBATION_KEY), true);
        AtomicReference<ReoffendingCubes> observer = new AtomicReference<>();
        PeopleIndex index = peopleIndex(new ObservedEvent<>(change -> {
            ReoffendingCubes cubes = observer.get();
            if (cubes != null) {
                cubes.onChange(change);
            }
        }), new ObservedEvent<>(reset -> { }));
        ReoffendingCubes cubes = new ReoffendingCubes(index, perturbation);
        observer.set(cubes);
        index.replaceAll(states);
        ReoffendingQuery query = new ReoffendingQuery(cubes, () -> THRESHOLD, perturbation);

        long t = System.nanoTime();
        ReoffendingReport firstReport = query.report(Cohort.ETE, MeasuredFrom.INDEX, FROM, TO, AS_OF, BY);
        double firstQueryMs = (System.nanoTime() - t) / 1e6;
        System.out.printf("first query (builds the cube from %,d people): %.1f ms; %d rows%n", index.size(),
                firstQueryMs, firstReport.rows().size());

        Map<List<String>, ReoffendingCube.GroupSums> exact =
                cubes.query(Cohort.ETE, MeasuredFrom.INDEX, BY, FROM, TO, AS_OF);
        try (DuckDbBaseline duck = new DuckDbBaseline(parquet, FROM, TO, AS_OF)) {
            // Same answer every way, or the timings mean nothing.
            Map<List<String>, DuckDbBaseline.Figures> duckFigures = duck.query();
            checkSame(exact, duckFigures);
            checkScan(exact, scan(states));
            long people = exact.values().stream().mapToLong(g -> g.all().people()).sum();
            long matured = exact.values().stream().mapToLong(g -> g.matured().people()).sum();
            long observed = exact.values().stream().mapToLong(g -> g.matured().reoffended()).sum();
            System.out.printf("cube = DuckDB = scan in all %d groups: %,d people in the window, %,d matured, %,d "
                    + "reoffended (DuckDB threads: %d)%n", exact.size(), people, matured, observed, duck.threads());

            double platformMs = median("platform report", 50, PLATFORM_RUNS,
                    () -> query.report(Cohort.ETE, MeasuredFrom.INDEX, FROM, TO, AS_OF, BY));
            double cubeMs = median("cube query only", 50, PLATFORM_RUNS,
                    () -> cubes.query(Cohort.ETE, MeasuredFrom.INDEX, BY, FROM, TO, AS_OF));
            double duckMs = median("DuckDB over Parquet", 2, DUCKDB_RUNS, duck::query);
            double scanMs = median("scan every person", 2, SCAN_RUNS, () -> scan(states));
            ReoffendingCube cube = new ReoffendingCube(Cohort.ETE, MeasuredFrom.INDEX, BY);
            states.forEach(p -> cube.add(p, 1));
            return new Result(targetEvents, events, states.size(), DuckDbBaseline.sizeOf(parquet), cube.cellCount(), exact.size(),
                    firstQueryMs, platformMs, cubeMs, scanMs, duckMs);
        }
    }

    /** The index's constructor takes the container's events; the bench hands it its own (package-private there). */
    static PeopleIndex peopleIndex(Event<PeopleIndex.PersonChanged> changes, Event<PeopleIndex.Reset> resets)
            throws ReflectiveOperationException {
        Constructor<PeopleIndex> c = PeopleIndex.class.getDeclaredConstructor(Event.class, Event.class);
        c.setAccessible(true);
        return c.newInstance(changes, resets);
    }

    /** Exact equality per group of people, matured and observed; expected to 1e-6 (the cube sums in fixed point). */
    static void checkSame(Map<List<String>, ReoffendingCube.GroupSums> cube, Map<List<String>, DuckDbBaseline.Figures> duck) {
        Set<List<String>> groups = new HashSet<>(cube.keySet());
        groups.addAll(duck.keySet());
        for (List<String> g : groups) {
            ReoffendingCube.GroupSums c = cube.get(g);
            DuckDbBaseline.Figures d = duck.get(g);
            if (c == null || d == null || c.all().people() != d.people() || c.matured().people() != d.matured()
                    || c.matured().reoffended() != d.observed()
                    || Math.abs(c.matured().expected() - d.expected()) > 1e-6) {
                throw new IllegalStateException("cube and DuckDB disagree for " + g + ": cube "
                        + (c == null ? "none" : List.of(c.all().people(), c.matured().people(),
                        c.matured().reoffended(), c.matured().expected())) + ", DuckDB " + d);
            }
        }
    }

    static void checkScan(Map<List<String>, ReoffendingCube.GroupSums> cube, Map<List<String>, long[]> scan) {
        if (!cube.keySet().equals(scan.keySet())) {
            throw new IllegalStateException("cube and scan have different groups");
        }
        scan.forEach((g, s) -> {
            ReoffendingCube.GroupSums c = cube.get(g);
            if (c.all().people() != s[0] || c.matured().people() != s[1] || c.matured().reoffended() != s[2]) {
                throw new IllegalStateException("cube and scan disagree for " + g);
            }
        });
    }

    /** Scan every person per query: people in the window, matured, reoffended per group. */
    static Map<List<String>, long[]> scan(List<PersonState> states) {
        Map<List<String>, long[]> groups = new HashMap<>();
        for (PersonState p : states) {
            Optional<Measurement> m = Measurement.of(p, Cohort.ETE, MeasuredFrom.INDEX);
            if (m.isEmpty() || m.get().indexDate().isBefore(FROM) || m.get().indexDate().isAfter(TO)) {
                continue;
            }
            LocalDate index = m.get().indexDate();
            long[] sums = groups.computeIfAbsent(List.of(BY.get(0).valueOf(p, index), BY.get(1).valueOf(p, index)),
                    k -> new long[3]);
            sums[0]++;
            if (m.get().maturedBy(AS_OF)) {
                sums[1]++;
                sums[2] += m.get().reoffended() ? 1 : 0;
            }
        }
        return groups;
    }

    /** Median wall time in ms of {@code runs} calls after {@code warmUps}. */
    static double median(String what, int warmUps, int runs, Callable<?> call) throws Exception {
        for (int i = 0; i < warmUps; i++) {
            call.call();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            call.call();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("  %-22s median %s ms of %d (min %s, max %s) after %d warm-ups%n", what, ms(ms[runs / 2]),
                runs, ms(ms[0]), ms(ms[runs - 1]), warmUps);
        return ms[runs / 2];
    }

    static String label(long events) {
        return events >= 1_000_000 && events % 1_000_000 == 0 ? events / 1_000_000 + "m"
                : events >= 1_000 && events % 1_000 == 0 ? events / 1_000 + "k" : Long.toString(events);
    }

    /** Three significant digits. */
    static String ms(double ms) {
        return ms >= 100 ? String.format("%.0f", ms) : ms >= 10 ? String.format("%.1f", ms) : String.format("%.2f", ms);
    }

    static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
