package org.ete.analysis.alerts;

import jakarta.enterprise.context.ApplicationScoped;
import org.ete.analysis.breakdown.Dimension;
import org.ete.analysis.disclosure.CellKeyPerturbation;
import org.ete.analysis.disclosure.DisclosureConfig;
import org.ete.analysis.disclosure.DisclosureControl;
import org.ete.analysis.reoffending.Cohort;
import org.ete.analysis.reoffending.MeasuredFrom;
import org.ete.analysis.reoffending.ReoffendingCube;
import org.ete.analysis.reoffending.ReoffendingCubes;
import org.ete.analysis.stats.FunnelPlot;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Team and area alerts: the over-dispersed funnel plot of O/E against E ({@link FunnelPlot}) for the groups of one
 * dimension, over the matured people of a cohort, read from the pre-aggregated reoffending cubes (so its time
 * grows with groups x days, not with people).
 *
 * <p>Disclosure control, as decided for this view:
 * <ul>
 *   <li>suppression is decided exactly as {@code /v1/reoffending?by=<same dimension>} decides it for the same
 *       cohort and window ({@link DisclosureControl}: primary below the threshold of matured people, plus the
 *       secondary suppression of the next smallest group when exactly one is primary). The reoffending view
 *       publishes the total, so without the secondary rule a lone small group's O would follow by subtraction;</li>
 *   <li>a suppressed group shows no matured count, observed, expected, ratio or limits (the limits give E away,
 *       since they depend on 1/E), but its {@code status} is shown: operations must see an alarm even for a
 *       small team, and a status reveals only a coarse band of O/E, not a count;</li>
 *   <li>only the shown groups take part in phi, tau^2 and k (DOMAIN.md: "a suppressed group takes no part ... so
 *       nothing published depends on it"). phi is a mean of squared z over the groups and tau^2 needs sum E and
 *       sum E^2, so with a suppressed group in them the published phi and tau^2, less the shown groups' own terms,
 *       gave the suppressed group's E^2 and z^2 (and with the total, its O). A secondarily suppressed group is left
 *       out too: its recovered figures would give the primary one by subtraction. The suppressed groups' statuses
 *       are judged against the limits the shown groups set.</li>
 * </ul>
 */
@ApplicationScoped
public class FunnelAlerts {
    public static final String METHOD = "Funnel plot of O/E against E per group (Spiegelhalter 2005) with an "
            + "additive over-dispersion allowance: for the k groups with E > 0, z_i = ln(max(O_i, 0.5) / E_i) / "
            + "sqrt(1 / E_i); z winsorised at its 10th and 90th percentiles (type 7 quantiles); phi = mean of the "
            + "squared winsorised z; tau2 = max(0, (k phi - (k - 1)) / (sum E_i - sum E_i^2 / sum E_i)) (0 when "
            + "k < 2); limits exp(+-z sqrt(1 / E_i + tau2)) at z = 1.96 (95%) and z = 3.09 (99.8%). Status: alarm "
            + "above the upper 99.8% limit, alert above the upper 95% limit only, better below the lower 95% "
            + "limit, ok otherwise. Groups with E = 0 are not assessed and take no part in k, phi or tau2; nor do "
            + "suppressed groups (disclosure control), whose status is judged against the limits the shown groups set.";

    public static final Map<String, String> DEFINITIONS = definitions();

    private final ReoffendingCubes cubes;
    private final int threshold;
    private final CellKeyPerturbation perturbation;

    FunnelAlerts(ReoffendingCubes cubes, DisclosureConfig disclosure, CellKeyPerturbation perturbation) {
        this.cubes = cubes;
        this.threshold = disclosure.threshold();
        this.perturbation = perturbation;
    }

    /**
     * The funnel for one dimension with the exact figures of every group and their disclosure decisions: what the
     * alert monitor judges (its events are internal and must reflect the true figures).
     */
    public FunnelEvaluation evaluate(Dimension by, Cohort cohort, MeasuredFrom measuredFrom, LocalDate from,
                                     LocalDate to, LocalDate asOf) {
        return evaluate(by, cohort, measuredFrom, from, to, asOf, false);
    }

    /**
     * @param published true for the API: every group's n, O and E perturbed as /v1/reoffending perturbs them
     *                  (ADR 0010), so the funnel's figures, limits, phi and tau2 are computed from the published
     *                  counts and agree with the reoffending view of the same group
     */
    private FunnelEvaluation evaluate(Dimension by, Cohort cohort, MeasuredFrom measuredFrom, LocalDate from,
                                      LocalDate to, LocalDate asOf, boolean published) {
        Map<List<String>, ReoffendingCube.GroupSums> cube = cubes.query(cohort, measuredFrom, List.of(by), from, to,
                asOf);
        // One dimension: the key is a one-element list. Sorted as ReoffendingQuery sorts its rows.
        TreeMap<String, ReoffendingCube.Sums> matured = new TreeMap<>();
        cube.forEach((key, sums) -> matured.put(key.get(0), sums.matured()));

        List<FunnelPlot.Group> plotted = new ArrayList<>(matured.size());
        List<DisclosureControl.Row> sizes = new ArrayList<>(matured.size());
        long totalMatured = 0;
        List<Long> shownMatured = new ArrayList<>(matured.size());
        for (Map.Entry<String, ReoffendingCube.Sums> e : matured.entrySet()) {
            ReoffendingCube.Sums s = e.getValue();
            // The fixed-point sums are exact and never negative for a real set of people; clamp only as a guard.
            long n = s.people();
            long observed = s.reoffended();
            double expected = Math.max(0, s.expected());
            if (published) {
                n = perturbation.count(s.people(), s.keys());
                observed = Math.min(n, perturbation.count(s.reoffended(), s.reoffendedKeys()));
                expected = Math.min(n, perturbation.magnitude(expected, s.people(), s.keys(), 1));
            }
            // sum p^2 = sum p - sum p(1-p); scaled with E when E is perturbed, so that it stays <= E.
            double expectedSquares = s.expected() > 0
                    ? Math.min(expected, Math.max(0, s.expected() - s.variance()) * (expected / s.expected())) : 0;
            plotted.add(new FunnelPlot.Group(e.getKey(), observed, expected, expectedSquares));
            shownMatured.add(n);
            // Suppression is decided on the true size, exactly as /v1/reoffending decides it.
            sizes.add(new DisclosureControl.Row(e.getKey(), s.people()));
            totalMatured += s.people();
        }
        DisclosureControl.Result disclosure = DisclosureControl.apply(sizes, totalMatured, threshold);
        Set<String> suppressed = new HashSet<>();
        disclosure.groups().stream().filter(DisclosureControl.RowDecision::suppressed)
                .forEach(d -> suppressed.add(d.key()));
        FunnelPlot.Result funnel = FunnelPlot.compute(plotted, suppressed, FunnelPlot.Centre.POOLED);

        Map<String, FunnelPlot.Point> points = new HashMap<>();
        funnel.points().forEach(p -> points.put(p.key(), p));
        List<FunnelEvaluation.GroupResult> groups = new ArrayList<>(matured.size());
        for (int i = 0; i < plotted.size(); i++) {
            FunnelPlot.Group g = plotted.get(i);
            groups.add(new FunnelEvaluation.GroupResult(g.key(), shownMatured.get(i), g.observed(), g.expected(),
                    points.get(g.key()), disclosure.group(g.key())));
        }
        return new FunnelEvaluation(by, cohort, measuredFrom, from, to, asOf, threshold, groups, funnel.phi(),
                funnel.tau2(), funnel.k());
    }

    /** The API's view: the evaluation with suppressed groups' figures removed. */
    public AlertsReport report(Dimension by, Cohort cohort, MeasuredFrom measuredFrom, LocalDate from, LocalDate to,
                               LocalDate asOf) {
        return AlertsReport.of(evaluate(by, cohort, measuredFrom, from, to, asOf, true));
    }

    private static Map<String, String> definitions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("observed", "O: matured people of the group who reoffended (a reconviction with start < offenceDate <= "
                + "start + 365 days and sentenceDate <= start + 547 days). Reconvictions recorded on the case "
                + "management system stand in for police data and miss cautions, so O reads slightly low");
        d.put("expected", "E: the sum of the matured people's OGRS3 one-year probabilities");
        d.put("ratio", "O / E");
        d.put("matured", "asOf >= start + 547 days; only matured people count, pending people are left out");
        d.put("limits", "lower95/upper95 = exp(-+1.96 sqrt(1/E + tau2)), lower998/upper998 = exp(-+3.09 sqrt(1/E + "
                + "tau2))");
        d.put("status", "alarm above upper998, alert above upper95 only, better below lower95, ok otherwise; null "
                + "when E = 0 (not assessed)");
        d.put("phi", "over-dispersion factor: mean squared winsorised z-score of the assessed groups");
        d.put("tau2", "additive over-dispersion allowance on the log O/E scale (DerSimonian-Laird form)");
        d.put("k", "number of shown groups with E > 0: phi and tau2 are estimated from these only, so nothing "
                + "published about the funnel depends on a suppressed group");
        d.put("perturbation", "matured, observed and expected are perturbed exactly as in /v1/reoffending for the same "
                + "group, window and as-of date (cell-key perturbation, ADR 0010), and the ratio, limits, phi and tau2 "
                + "are computed from them");
        d.put("suppressed", "disclosure control, as in /v1/reoffending for the same dimension and window: a group of "
                + "fewer matured people than suppressionThreshold (or the next smallest group, when exactly one is "
                + "below it) shows no matured, observed, expected, ratio or limits, and takes no part in phi, tau2 or "
                + "k; its status (against the shown groups' limits) is still shown");
        return d;
    }
}
