package org.ete.analysis.reoffending;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.analysis.breakdown.Dimension;
import org.ete.analysis.projection.Fact;
import org.ete.analysis.projection.PersonState;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A two-dimension reoffending breakdown (team x age-band) over growing populations, answered two ways in the
 * same run: the baseline scans every person per query (what a view without aggregates must do); the cube reads
 * pre-aggregated cells (ADR 0003). Prints medians and ratios. Lives in the cube's package to reach its
 * package-private constructor without widening the production API.
 */
public final class ReoffendingQueryBench {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<Dimension> BY = List.of(Dimension.TEAM, Dimension.AGE_BAND);
    static final LocalDate FROM = LocalDate.parse("2018-04-01"), TO = LocalDate.parse("2021-03-31");
    static final LocalDate AS_OF = LocalDate.parse("2022-10-01");

    public static void main(String[] args) {
        int[] sizes = {100_000, 300_000, 1_000_000};
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--people")) {
                sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
            }
        }
        System.out.printf("%-10s %-11s %-12s %-14s %-12s %-10s %-8s%n", "people", "events", "derive ev/s",
                "baseline ms", "cube ms", "ratio", "cells");
        double firstCube = 0;
        for (int n : sizes) {
            Result r = run(n);
            if (firstCube == 0) {
                firstCube = r.cubeMs;
            }
            System.out.printf("%-10d %-11d %-12.0f %-14.2f %-12.3f %-10.0f %-8d%n", n, r.events, r.deriveRate,
                    r.baselineMs, r.cubeMs, r.baselineMs / r.cubeMs, r.cells);
            System.out.printf("           cube time vs the smallest population: x%.2f%n", r.cubeMs / firstCube);
        }
    }

    record Result(long events, double deriveRate, double baselineMs, double cubeMs, int cells) {
    }

    static Result run(int people) {
        Random random = new Random(42);
        List<PersonState> states = new ArrayList<>(people);
        long events = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < people; i++) {
            List<Fact> facts = person(i, random);
            events += facts.size();
            states.add(PersonState.derive(String.format("%064x", i), facts));
        }
        double deriveRate = events / ((System.nanoTime() - t0) / 1e9);

        ReoffendingCube cube = new ReoffendingCube(Cohort.ETE, MeasuredFrom.INDEX, BY);
        states.forEach(p -> cube.add(p, 1));

        // Same answer both ways, or the timing means nothing.
        Map<List<String>, long[]> naive = baseline(states);
        Map<List<String>, ReoffendingCube.GroupSums> fast = cube.query(FROM, TO, AS_OF);
        for (var e : naive.entrySet()) {
            ReoffendingCube.GroupSums g = fast.get(e.getKey());
            if (g == null || g.matured().people() != e.getValue()[0] || g.matured().reoffended() != e.getValue()[1]) {
                throw new IllegalStateException("cube and baseline disagree for " + e.getKey());
            }
        }
        double baselineMs = median(15, () -> baseline(states));
        double cubeMs = median(41, () -> cube.query(FROM, TO, AS_OF));
        return new Result(events, deriveRate, baselineMs, cubeMs, cube.cellCount());
    }

    /** Scan every person per query: matured people and reoffenders per group. */
    static Map<List<String>, long[]> baseline(List<PersonState> states) {
        Map<List<String>, long[]> groups = new HashMap<>();
        for (PersonState p : states) {
            Optional<Measurement> m = Measurement.of(p, Cohort.ETE, MeasuredFrom.INDEX);
            if (m.isEmpty() || m.get().indexDate().isBefore(FROM) || m.get().indexDate().isAfter(TO)) {
                continue;
            }
            List<String> key = List.of(BY.get(0).valueOf(p, m.get().indexDate()), BY.get(1).valueOf(p, m.get().indexDate()));
            long[] sums = groups.computeIfAbsent(key, k -> new long[2]);
            if (m.get().maturedBy(AS_OF)) {
                sums[0]++;
                sums[1] += m.get().reoffended() ? 1 : 0;
            }
        }
        return groups;
    }

    static double median(int runs, Runnable r) {
        for (int i = 0; i < 3; i++) {
            r.run(); // warm-up
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    /** About ten events a person: referral, take-up, sometimes release, jobs, courses, reconvictions. */
    static List<Fact> person(int i, Random r) {
        List<Fact> facts = new ArrayList<>(12);
        LocalDate referral = LocalDate.parse("2018-03-01").plusDays(r.nextInt(1100));
        LocalDate takeUp = referral.plusDays(5 + r.nextInt(30));
        String team = "Team " + r.nextInt(60);
        facts.add(fact(i, 0, "ete.referral.received.v1", referral, "team", team, "contractArea", r.nextBoolean() ? "DLNR" : "SWM",
                "region", "R" + r.nextInt(4), "office", "O" + r.nextInt(40), "setting", "community",
                "gender", r.nextInt(10) < 8 ? "male" : "female",
                "dateOfBirth", referral.minusYears(18 + r.nextInt(45)).minusDays(r.nextInt(365)).toString(),
                "ethnicity", "white", "disability", "no", "offenceCategory", "violence",
                "ogrs3OneYearPercent", 10 + r.nextInt(60)));
        facts.add(fact(i, 1, "ete.referral.service-taken-up.v1", takeUp));
        int n = 2;
        if (r.nextInt(5) == 0) {
            facts.add(fact(i, n++, "ete.referral.released-from-custody.v1", takeUp.plusDays(r.nextInt(60))));
        }
        for (int c = 0; c < 2; c++) {
            LocalDate start = takeUp.plusDays(r.nextInt(120));
            facts.add(fact(i, n++, "ete.training.course-started.v1", start, "courseId", "C" + c, "qualification", "cscs"));
            facts.add(fact(i, n++, "ete.training.course-completed.v1", start.plusDays(10), "courseId", "C" + c, "achieved", true));
        }
        if (r.nextInt(4) == 0) {
            LocalDate job = takeUp.plusDays(r.nextInt(200));
            facts.add(fact(i, n++, "ete.employment.job-started.v1", job, "jobId", "J", "sector", "retail"));
            if (r.nextBoolean()) {
                facts.add(fact(i, n++, "ete.employment.job-sustained.v1", job.plusDays(91), "jobId", "J"));
            }
        }
        while (facts.size() < 9) {
            LocalDate offence = takeUp.plusDays(1 + r.nextInt(700));
            facts.add(fact(i, n++, "ete.referral.reconviction-recorded.v1", offence.plusDays(r.nextInt(200)),
                    "offenceDate", offence.toString(), "sentenceDate", offence.plusDays(r.nextInt(200)).toString()));
            if (r.nextInt(3) > 0) {
                break;
            }
        }
        return facts;
    }

    static Fact fact(int person, int n, String type, LocalDate occurred, Object... kv) {
        ObjectNode data = JSON.createObjectNode();
        for (int k = 0; k < kv.length; k += 2) {
            data.set((String) kv[k], JSON.valueToTree(kv[k + 1]));
        }
        return new Fact("urn:bench " + person + "-" + n, type, occurred, Instant.EPOCH, data);
    }
}
