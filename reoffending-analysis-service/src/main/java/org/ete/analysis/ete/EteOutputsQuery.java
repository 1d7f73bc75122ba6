package org.ete.analysis.ete;

import jakarta.enterprise.context.ApplicationScoped;
import org.ete.analysis.breakdown.Dimension;
import org.ete.analysis.definitions.Definitions;
import org.ete.analysis.disclosure.CellKeyPerturbation;
import org.ete.analysis.disclosure.DisclosureConfig;
import org.ete.analysis.disclosure.DisclosureControl;
import org.ete.contracts.Qualification;
import org.ete.contracts.Sector;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ETE outputs from the live aggregates ({@link EteOutputsAggregates}), broken down and disclosure-controlled. The
 * time of a query is bounded by groups x days, not by the number of people.
 */
@ApplicationScoped
public class EteOutputsQuery {
    public static final Map<String, String> DEFINITIONS = definitions();
    static final String TOTAL = "total";

    private final EteOutputsAggregates aggregates;
    private final int threshold;
    private final CellKeyPerturbation perturbation;

    EteOutputsQuery(EteOutputsAggregates aggregates, DisclosureConfig disclosure, CellKeyPerturbation perturbation) {
        this.aggregates = aggregates;
        this.threshold = disclosure.threshold();
        this.perturbation = perturbation;
    }

    /** @param asOf the first day of a month: the snapshot (DOMAIN.md "As of a date") */
    public EteOutputs outputs(LocalDate from, LocalDate to, LocalDate asOf, List<Dimension> by) {
        return report(aggregates.query(by, from, to, asOf), from, to, by, threshold, perturbation).withAsOf(asOf);
    }

    /** The exact figures (no perturbation). */
    static EteOutputs report(EteOutputsAggregates.Snapshot s, LocalDate from, LocalDate to, List<Dimension> by,
                             int threshold) {
        return report(s, from, to, by, threshold, CellKeyPerturbation.off());
    }

    /**
     * Assembles the answer from the aggregates' figures; pure, so the disclosure logic is unit-tested. Suppression
     * is decided on the true counts; a shown row's tookUp, foundWork and sustained are perturbed from their own
     * people's cell keys (ADR 0010) and the rates computed from the perturbed counts.
     */
    static EteOutputs report(EteOutputsAggregates.Snapshot s, LocalDate from, LocalDate to, List<Dimension> by,
                             int threshold, CellKeyPerturbation perturbation) {
        List<Map.Entry<List<String>, EteOutputsCube.Counts>> sorted = new ArrayList<>(s.outputs().entrySet());
        sorted.sort(Comparator.comparing(e -> key(e.getKey())));
        EteOutputsCube.Counts total = new EteOutputsCube.Counts();
        List<DisclosureControl.Cell> sizes = new ArrayList<>();
        for (var e : sorted) {
            total.add(e.getValue());
            sizes.add(new DisclosureControl.Cell(e.getKey(), e.getValue().tookUp()));
        }
        // With no breakdown there is one group, the total itself: suppress by its own size only. With two or three
        // dimensions the secondary suppression accounts for the coarser breakdowns' margins (applyTable).
        DisclosureControl.Result disclosure = DisclosureControl.applyTable(by.isEmpty() ? List.of() : sizes,
                by.size(), total.tookUp(), threshold);
        List<EteOutputs.Row> rows = new ArrayList<>();
        if (!by.isEmpty()) {
            for (var e : sorted) {
                Map<String, String> group = group(by, e.getKey());
                rows.add(disclosure.group(key(e.getKey())).suppressed() ? EteOutputs.Row.suppressed(group)
                        : row(group, perturbed(e.getValue(), perturbation)));
            }
        }
        boolean totalSuppressed = disclosure.totalSuppressed();
        total = perturbed(total, perturbation);
        return new EteOutputs(from, to, by.stream().map(Dimension::wire).toList(), threshold,
                totalSuppressed ? null : total.tookUp(), totalSuppressed ? null : total.foundWork(),
                totalSuppressed ? null : rate(total.foundWork(), total.tookUp()),
                totalSuppressed ? null : total.sustained(),
                totalSuppressed ? null : rate(total.sustained(), total.foundWork()), totalSuppressed, rows,
                courses(s.coursesCompleted(), threshold, perturbation), jobs(s.jobsStarted(), threshold, perturbation),
                DEFINITIONS, null, Definitions.VERSION);
    }

    /** The published counts: each perturbed by its own set's cell key, and kept nested (sustained <= found <= took). */
    static EteOutputsCube.Counts perturbed(EteOutputsCube.Counts c, CellKeyPerturbation perturbation) {
        long tookUp = perturbation.count(c.tookUp(), c.tookUpKeys());
        long foundWork = Math.min(tookUp, perturbation.count(c.foundWork(), c.foundWorkKeys()));
        long sustained = Math.min(foundWork, perturbation.count(c.sustained(), c.sustainedKeys()));
        return new EteOutputsCube.Counts(tookUp, foundWork, sustained);
    }

    private static EteOutputs.Row row(Map<String, String> group, EteOutputsCube.Counts c) {
        return new EteOutputs.Row(group, c.tookUp(), c.foundWork(), rate(c.foundWork(), c.tookUp()), c.sustained(),
                rate(c.sustained(), c.foundWork()), false);
    }

    static EteOutputs.CoursesCompleted courses(EteOutputsCategoryCube.Result r, int threshold) {
        return courses(r, threshold, CellKeyPerturbation.off());
    }

    static EteOutputs.CoursesCompleted courses(EteOutputsCategoryCube.Result r, int threshold,
                                               CellKeyPerturbation perturbation) {
        List<String> order = ordered(r, Qualification.wireNames());
        DisclosureControl.Result d = disclose(r, order, threshold);
        List<EteOutputs.CourseRow> rows = new ArrayList<>();
        for (String q : order) {
            rows.add(courseRow(q, perturbed(r.categories().get(q), perturbation), d.group(q).suppressed()));
        }
        return new EteOutputs.CoursesCompleted(rows, courseRow(TOTAL, perturbed(r.total(), perturbation),
                d.totalSuppressed()));
    }

    private static EteOutputs.CourseRow courseRow(String qualification, EteOutputsCategoryCube.Tally t,
                                                  boolean suppressed) {
        return suppressed ? new EteOutputs.CourseRow(qualification, null, null, null, true)
                : new EteOutputs.CourseRow(qualification, t.outputs(), t.achieved(), t.people(), false);
    }

    static EteOutputs.JobsStarted jobs(EteOutputsCategoryCube.Result r, int threshold) {
        return jobs(r, threshold, CellKeyPerturbation.off());
    }

    static EteOutputs.JobsStarted jobs(EteOutputsCategoryCube.Result r, int threshold,
                                       CellKeyPerturbation perturbation) {
        List<String> order = ordered(r, Sector.wireNames());
        DisclosureControl.Result d = disclose(r, order, threshold);
        List<EteOutputs.JobRow> rows = new ArrayList<>();
        for (String sector : order) {
            rows.add(jobRow(sector, perturbed(r.categories().get(sector), perturbation),
                    d.group(sector).suppressed()));
        }
        return new EteOutputs.JobsStarted(rows, jobRow(TOTAL, perturbed(r.total(), perturbation),
                d.totalSuppressed()));
    }

    private static EteOutputs.JobRow jobRow(String sector, EteOutputsCategoryCube.Tally t, boolean suppressed) {
        return suppressed ? new EteOutputs.JobRow(sector, null, null, true)
                : new EteOutputs.JobRow(sector, t.outputs(), t.people(), false);
    }

    /**
     * A category row's published figures: outputs, achieved and people each perturbed from their own records' cell
     * key (every output carries its person's record key), kept consistent (people <= outputs, achieved <= outputs).
     * Suppression is decided on the true people before this.
     */
    static EteOutputsCategoryCube.Tally perturbed(EteOutputsCategoryCube.Tally t, CellKeyPerturbation perturbation) {
        long outputs = perturbation.count(t.outputs(), t.outputsKeys());
        long achieved = Math.min(outputs, perturbation.count(t.achieved(), t.achievedKeys()));
        long people = Math.min(outputs, perturbation.count(t.people(), t.peopleKeys()));
        return new EteOutputsCategoryCube.Tally(outputs, achieved, people, t.outputsKeys(), t.achievedKeys(),
                t.peopleKeys());
    }

    /** Disclosure sizes are distinct people, per category and (counted once across categories) in total. */
    private static DisclosureControl.Result disclose(EteOutputsCategoryCube.Result r, List<String> order,
                                                     int threshold) {
        List<DisclosureControl.Row> sizes = order.stream()
                .map(c -> new DisclosureControl.Row(c, r.categories().get(c).people())).toList();
        return DisclosureControl.apply(sizes, r.total().people(), threshold);
    }

    /**
     * Categories present in the window in the contract's order (never by size: the position of a suppressed row must
     * not hint at its size); values outside the contract, if any, follow alphabetically.
     */
    private static List<String> ordered(EteOutputsCategoryCube.Result r, List<String> contractOrder) {
        List<String> out = new ArrayList<>(contractOrder.stream().filter(r.categories()::containsKey).toList());
        r.categories().keySet().stream().filter(c -> !contractOrder.contains(c)).sorted().forEach(out::add);
        return out;
    }

    private static String key(List<String> values) {
        return String.join(EteOutputsCube.SEPARATOR, values);
    }

    private static Map<String, String> group(List<Dimension> by, List<String> values) {
        Map<String, String> g = new LinkedHashMap<>();
        for (int i = 0; i < by.size(); i++) {
            g.put(by.get(i).wire(), values.get(i));
        }
        return g;
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Map<String, String> definitions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("window", "from/to, both inclusive, either may be left out (unbounded): on the take-up date for "
                + "tookUp, foundWork, sustained and rows; on the completion date for coursesCompleted; on the job's "
                + "start date for jobsStarted");
        d.put("tookUp", "people whose (first) service take-up is dated in the window");
        d.put("foundWork", "of tookUp, people with a job started on or after their take-up (at any date)");
        d.put("foundWorkRate", "foundWork / tookUp");
        d.put("sustained", "of foundWork, people with such a job sustained for 13 weeks");
        d.put("sustainedRate", "sustained / foundWork");
        d.put("rows", "the total broken down by the by dimensions, each read from the person's referral at the "
                + "take-up date (index-quarter is the take-up quarter); people whose referral has not been seen are "
                + "in the group '" + EteOutputsCube.NOT_KNOWN + "'; no rows without by");
        d.put("coursesCompleted", "courses completed (qualification achieved or not; achieved counts those achieved) "
                + "with the completion dated in the window, by the qualification of the course, for people who took "
                + "up the service on or before the completion date (as the 2021 evaluation's Fig. 1 counts "
                + "completions over a period); people = distinct people who completed them");
        d.put("jobsStarted", "jobs started in the window, by sector, by people who took up the service on or "
                + "before the job's start (Fig. 2); people = distinct people who started them");
        d.put("perturbation", "tookUp, foundWork and sustained are cell-key perturbed (ADR 0010): the true count plus "
                + "a small noise (at most +-2) fixed by the set of people counted, so the same people give the same "
                + "figure in every query and two windows cannot be differenced to one person; rates are computed from "
                + "the perturbed counts. Courses completed and jobs started (completed, achieved, jobs, people) are "
                + "perturbed the same way, each output carrying its person's record key");
        d.put("suppressed", "disclosure control: a row (or total) of fewer people than suppressionThreshold shows no "
                + "figures; the size is tookUp for the outputs, people for courses and jobs. If exactly one group of "
                + "a breakdown is suppressed and its total is shown, the next smallest group is suppressed too (the "
                + "total, if there is no other group); a breakdown by two or three dimensions also hides cells so "
                + "that no margin another breakdown publishes (by team, by gender, the total) minus the shown cells "
                + "reveals a suppressed one");
        return d;
    }
}
