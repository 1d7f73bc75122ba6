package org.ete.analysis.reoffending;

import jakarta.enterprise.context.ApplicationScoped;
import org.ete.analysis.breakdown.Dimension;
import org.ete.analysis.disclosure.CellKeyPerturbation;
import org.ete.analysis.disclosure.DisclosureConfig;
import org.ete.analysis.definitions.Definitions;
import org.ete.analysis.disclosure.DisclosureControl;
import org.ete.analysis.stats.FunnelPlot;
import org.ete.analysis.stats.ReoffendingStatistics;
import org.ete.analysis.stats.Wilson;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Actual against OGRS3-predicted one-year reoffending for a cohort, broken down and disclosure-controlled. */
@ApplicationScoped
public class ReoffendingQuery {
    public static final Map<String, String> DEFINITIONS = definitions();

    private final ReoffendingCubes cubes;
    private final int threshold;
    private final CellKeyPerturbation perturbation;

    ReoffendingQuery(ReoffendingCubes cubes, DisclosureConfig disclosure, CellKeyPerturbation perturbation) {
        this.cubes = cubes;
        this.threshold = disclosure.threshold();
        this.perturbation = perturbation;
    }

    public ReoffendingReport report(Cohort cohort, MeasuredFrom measuredFrom, LocalDate from, LocalDate to,
                                    LocalDate asOf, List<Dimension> by) {
        Map<List<String>, ReoffendingCube.GroupSums> groups = cubes.query(cohort, measuredFrom, by, from, to, asOf);
        List<Map.Entry<List<String>, ReoffendingCube.GroupSums>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort(Comparator.comparing(e -> String.join("\u001f", e.getKey())));

        ReoffendingCube.Sums totalAll = new ReoffendingCube.Sums();
        ReoffendingCube.Sums totalMatured = new ReoffendingCube.Sums();
        ReoffendingCube.Sums totalAwaiting = new ReoffendingCube.Sums();
        List<DisclosureControl.Cell> sizes = new ArrayList<>();
        for (var e : sorted) {
            totalAll.add(e.getValue().all());
            totalMatured.add(e.getValue().matured());
            totalAwaiting.add(e.getValue().awaitingRelease());
            sizes.add(new DisclosureControl.Cell(e.getKey(), e.getValue().matured().people()));
        }
        // With no breakdown there is one group, the total itself: suppress by its own size only. With two or three
        // dimensions the secondary suppression accounts for the coarser breakdowns' margins (applyTable).
        DisclosureControl.Result disclosure = DisclosureControl.applyTable(by.isEmpty() ? List.of() : sizes,
                by.size(), totalMatured.people(), threshold);

        List<ReoffendingReport.Row> rows = new ArrayList<>();
        if (!by.isEmpty()) {
            for (var e : sorted) {
                Map<String, String> group = group(by, e.getKey());
                boolean suppressed = disclosure.group(DisclosureControl.key(e.getKey())).suppressed();
                rows.add(suppressed ? ReoffendingReport.Row.suppressed(group)
                        : row(group, e.getValue(), perturbation));
            }
        }
        ReoffendingReport.Row total = disclosure.totalSuppressed()
                ? ReoffendingReport.Row.suppressed(Map.of("total", "all"))
                : row(Map.of("total", "all"), new ReoffendingCube.GroupSums(totalAll, totalMatured, totalAwaiting),
                perturbation);
        return new ReoffendingReport(cohort.wire(), measuredFrom.wire(), measuredFrom.definition(), from, to, asOf,
                by.stream().map(Dimension::wire).toList(), threshold, rows, total, DEFINITIONS, Definitions.VERSION,
                Definitions.CAVEATS);
    }

    /**
     * A shown row's figures. Every count is perturbed from its own set's cell key (people in the window, the
     * matured, the pending = people less matured, the reoffenders), and E and sum p(1-p) by the matured set's key
     * (ADR 0010); every statistic is computed from those, so a row is consistent with itself and the same people
     * give the same row in every query (JSON, CSV, alerts).
     */
    static ReoffendingReport.Row row(Map<String, String> group, ReoffendingCube.GroupSums sums,
                                     CellKeyPerturbation perturbation) {
        ReoffendingCube.Sums all = sums.all();
        ReoffendingCube.Sums matured = sums.matured();
        long people = perturbation.count(all.people(), all.keys());
        long n = perturbation.count(matured.people(), matured.keys());
        long pending = perturbation.count(all.people() - matured.people(), all.keys() - matured.keys());
        long observed = Math.min(n, perturbation.count(matured.reoffended(), matured.reoffendedKeys()));
        // Kept possible for n people after perturbation: 0 <= E <= n and sum p(1-p) <= min(E, n - E).
        double expected = Math.min(n, perturbation.magnitude(Math.max(0, matured.expected()), matured.people(),
                matured.keys(), 1));
        double variance = Math.min(Math.min(expected, n - expected), perturbation.magnitude(
                Math.max(0, matured.variance()), matured.people(), matured.keys(), 2));
        // The skew scales with the variance it belongs to, so |skew| <= variance holds after perturbation too.
        double skew = matured.variance() > 0 ? matured.skew() * (variance / matured.variance()) : 0;
        ReoffendingStatistics s = ReoffendingStatistics.of(observed, n, expected, variance, skew);
        long awaiting = perturbation.count(sums.awaitingRelease().people(), sums.awaitingRelease().keys());
        Wilson.Interval fewerCi = n == 0 ? new Wilson.Interval(null, null) : new Wilson.Interval(
                s.fewerReoffended() - FunnelPlot.C_95 * Math.sqrt(variance),
                s.fewerReoffended() + FunnelPlot.C_95 * Math.sqrt(variance));
        return new ReoffendingReport.Row(group, people, n, pending, observed, s.actualRate(), s.actualRateCi95(),
                s.predictedRate(), s.differencePoints(), s.observedOverExpected(), s.fewerReoffended(), s.z(),
                s.pValue(), false, awaiting, fewerCi);
    }

    private static Map<String, String> group(List<Dimension> by, List<String> values) {
        Map<String, String> g = new LinkedHashMap<>();
        for (int i = 0; i < by.size(); i++) {
            g.put(by.get(i).wire(), values.get(i));
        }
        return g;
    }

    private static Map<String, String> definitions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("indexDate", "the take-up date; for a referral in the custody setting (in-reach), the first release "
                + "from custody on or after take-up, or the take-up if the person was released before it; a custody "
                + "participant with no release recorded as of asOf is in no cohort yet and counted in "
                + "awaitingRelease. For every other setting a later release does not move the index date, so the "
                + "reoffence that led to a prison spell still counts");
        d.put("asOf", "a snapshot: every fact dated after asOf is ignored (a take-up, job start, sustainment or "
                + "release after asOf has not happened yet)");
        d.put("awaitingRelease", "custody participants whose take-up is in the window and who have no release "
                + "recorded as of asOf (the same people whatever the cohort)");
        d.put("fewerReoffendedCi95", "E - O +- 1.96 sqrt(sum p(1 - p)): the range chance alone gives E - O if the "
                + "cohort reoffended as predicted");
        d.put("window", "from/to filter on the index date, both inclusive");
        d.put("reoffended", "a reconviction with start < offenceDate <= start + 365 days and sentenceDate <= start + "
                + "547 days (the 182-day wait for court outcomes); start is the follow-up start (see measuredFrom)");
        d.put("matured", "asOf >= start + 547 days; people not yet matured are 'pending' and never counted as "
                + "non-reoffenders");
        d.put("proxy", "a new sentence recorded on the case management system stands in for police data; it misses "
                + "cautions, so actual rates read slightly low");
        d.put("ete", Cohort.ETE.definition());
        d.put("found-work", Cohort.FOUND_WORK.definition());
        d.put("sustained-work", Cohort.SUSTAINED_WORK.definition());
        d.put("predictedRate", "mean OGRS3 one-year probability of the matured people (given percent / 100, or "
                + "computed from the static factors; never rounded)");
        d.put("actualRateCi95", "Wilson score interval, 95%");
        d.put("differencePoints", "(actualRate - predictedRate) x 100");
        d.put("observedOverExpected", "O / E with O = reoffended, E = sum of predicted probabilities");
        d.put("fewerReoffended", "E - O: how many fewer people reoffended than predicted");
        d.put("z", "(O - E) / sqrt(sum p(1 - p)), the Poisson-binomial variance");
        d.put("pValue", "two-sided, from the refined normal approximation to the Poisson-binomial distribution of O "
                + "(Volkova 1996: continuity and skewness corrected, from sum p, sum p(1 - p) and sum p(1 - p)(1 - 2p))");
        d.put("suppressed", "disclosure control: a row of fewer matured people than suppressionThreshold shows no "
                + "figures; if exactly one group is suppressed, the next smallest group (or the total) is too; a "
                + "breakdown by two or three dimensions also hides cells so that no margin another breakdown publishes "
                + "(by team, by gender, the total) minus the shown cells reveals a suppressed one");
        d.put("perturbation", "cell-key perturbation (ADR 0010): every count is the true count plus a small noise "
                + "(at most +-" + org.ete.analysis.disclosure.PTable.MAX_NOISE + ") fixed by the set of people it "
                + "counts, so the same people give the same figure in every query and two windows or as-of dates "
                + "cannot be differenced to one person; E and sum p(1-p) carry a relative noise of at most 0.25 / "
                + "sqrt(matured); rates, intervals, ratios, z and p are computed from the perturbed figures; people "
                + "need not equal matured + pending exactly");
        d.put("people", "everyone in the cohort with an index date in the window: matured + pending; people without "
                + "a referral (no OGRS3 prediction) are not measured");
        return d;
    }
}
