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
 *   <li>a suppressed group shows only {@code suppressed: true} (DOMAIN.md): no matured count, observed, expected,
 *       ratio or limits (the limits give E away), and no status either, since a handful of people's status gives
 *       their outcome away (nobody reoffended is always below the lower limit). The alert monitor still judges
 *       every group on its exact figures: its events are internal;</li>
 *   <li>only the shown groups take part in phi, tau^2 and k (DOMAIN.md: "a suppressed group takes no part ... so
 *       nothing published depends on it"). phi is a mean of squared z over the groups and tau^2 needs sum E and
 *       sum E^2, so with a suppressed group in them the published phi and tau^2, less the shown groups' own terms,
 *       gave the suppressed group's E^2 and z^2 (and with the total, its O). A secondarily suppressed group is left
 *       out too: its recovered figures would give the primary one by subtraction.</li>
 * </ul>
 */
@ApplicationScoped
public class FunnelAlerts {
    public static final String METHOD = "Funnel plot of O/E against E per group, each group compared with its peers "
            + "(Spiegelhalter 2005, indirectly standardised ratios on the log scale; DOMAIN.md): the centre theta0 = "
            + "sum O / sum E over the assessed groups (the service's own level; centre=one gives OGRS3's national 1); "
            + "V_g = theta0 E_g - theta0^2 sum p^2 (the binomial variance of O if the group performs like its peers), "
            + "s_g = sqrt(V_g) / (theta0 E_g); z_g = ln(max(O_g, 0.5) / (theta0 E_g)) / s_g, winsorised at its 10th "
            + "and 90th percentiles (type 7); phi = mean squared winsorised z; tau2 = max(0, (k phi - (k - 1)) / "
            + "(sum w - sum w^2 / sum w)), w_g = 1 / s_g^2, only when k >= 10 (else 0); limits theta0 exp(+-c "
            + "sqrt(s_g^2 + tau2)) at c = 1.96 (95%) and 3.09 (99.8%). Status: alarm above the upper 99.8% limit, "
            + "alert above the upper 95% limit only, better below the lower 95% limit, ok otherwise. detectableRatio "
            + "= exp(1.96 sqrt(s_g^2 + tau2) + 0.8416 s_g): the O/E relative to theta0 that the upper 95% limit flags "
            + "with 80% probability. Assessed groups are the shown ones with E > 0; suppressed groups take no part in "
            + "theta0, phi, tau2 or k and show only suppressed: true. Default window: the "
            + "latest 12 whole months of index dates in which everyone has matured as of asOf.";

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
    public FunnelEvaluation evaluate(Dimension by, Cohort cohort, MeasuredFrom measuredFrom, AlertWindow window,
                                     LocalDate asOf, FunnelPlot.Centre centre) {
        return evaluate(by, cohort, measuredFrom, window, asOf, centre, false);
    }

    /**
     * @param published true for the API: every group's n, O and E perturbed as /v1/reoffending perturbs them
     *                  (ADR 0010), so the funnel's figures, limits, phi and tau2 are computed from the published
     *                  counts and agree with the reoffending view of the same group
     */
    private FunnelEvaluation evaluate(Dimension by, Cohort cohort, MeasuredFrom measuredFrom, AlertWindow window,
                                      LocalDate asOf, FunnelPlot.Centre centre, boolean published) {
        Map<List<String>, ReoffendingCube.GroupSums> cube = cubes.query(cohort, measuredFrom, List.of(by),
                window.from(), window.to(), asOf);
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
        FunnelPlot.Result funnel = FunnelPlot.compute(plotted, suppressed, centre);

        Map<String, FunnelPlot.Point> points = new HashMap<>();
        funnel.points().forEach(p -> points.put(p.key(), p));
        List<FunnelEvaluation.GroupResult> groups = new ArrayList<>(matured.size());
        for (int i = 0; i < plotted.size(); i++) {
            FunnelPlot.Group g = plotted.get(i);
            groups.add(new FunnelEvaluation.GroupResult(g.key(), shownMatured.get(i), g.observed(), g.expected(),
                    points.get(g.key()), disclosure.group(g.key())));
        }
        return new FunnelEvaluation(by, cohort, measuredFrom, window, asOf, threshold, groups, funnel.centre(),
                funnel.theta0(), funnel.phi(), funnel.tau2(), funnel.k());
    }

    /** The API's view: the evaluation with suppressed groups' figures removed. */
    public AlertsReport report(Dimension by, Cohort cohort, MeasuredFrom measuredFrom, AlertWindow window,
                               LocalDate asOf, FunnelPlot.Centre centre) {
        return AlertsReport.of(evaluate(by, cohort, measuredFrom, window, asOf, centre, true));
    }

    private static Map<String, String> definitions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("observed", "O: matured people of the group who reoffended (a reconviction with start < offenceDate <= "
                + "start + 365 days and sentenceDate <= start + 547 days). Reconvictions recorded on the case "
                + "management system stand in for police data and miss cautions, so O reads slightly low");
        d.put("expected", "E: the sum of the matured people's OGRS3 one-year probabilities");
        d.put("ratio", "O / E");
        d.put("matured", "asOf >= start + 547 days; only matured people count, pending people are left out");
        d.put("window", "index dates from/to; by default the latest 12 whole calendar months in which everyone has "
                + "matured as of asOf (windowDefaulted: true), so an alert is about recent performance");
        d.put("centre", "pooled (default): theta0 = sum O / sum E over the assessed groups, each group against its "
                + "peers; one: theta0 = 1, against OGRS3's national expectation");
        d.put("theta0", "the centre line of the funnel, on the O/E scale");
        d.put("standardError", "s = sqrt(theta0 E - theta0^2 sum p^2) / (theta0 E): the standard error of ln(O/E) "
                + "under the binomial variance of a group performing like its peers");
        d.put("limits", "lower95/upper95 = theta0 exp(-+1.96 sqrt(s^2 + tau2)), lower998/upper998 = theta0 "
                + "exp(-+3.09 sqrt(s^2 + tau2)), on the O/E scale");
        d.put("status", "alarm above upper998, alert above upper95 only, better below lower95, ok otherwise; null "
                + "when E = 0 (not assessed)");
        d.put("detectableRatio", "power: the O/E relative to theta0 that the upper 95% limit flags with 80% "
                + "probability, exp(1.96 sqrt(s^2 + tau2) + 0.8416 s); an ok status cannot rule out a group this "
                + "much worse than its peers");
        d.put("phi", "over-dispersion factor: mean squared winsorised z-score of the assessed groups");
        d.put("tau2", "additive between-group variance on the log O/E scale (DerSimonian-Laird form), estimated "
                + "only from k >= 10 assessed groups; 0 with fewer (a handful of groups cannot estimate it)");
        d.put("k", "number of shown groups with E > 0: theta0, phi and tau2 are estimated from these only, so nothing "
                + "published about the funnel depends on a suppressed group");
        d.put("perturbation", "matured, observed and expected are perturbed exactly as in /v1/reoffending for the same "
                + "group, window and as-of date (cell-key perturbation, ADR 0010), and the ratio, limits, theta0, phi "
                + "and tau2 are computed from them (sum p^2 scaled with E)");
        d.put("suppressed", "disclosure control, as in /v1/reoffending for the same dimension and window: a group of "
                + "fewer matured people than suppressionThreshold (or the next smallest group, when exactly one is "
                + "below it) shows no matured, observed, expected, ratio, limits, standard error, detectable ratio, "
                + "status or assessed, and takes no part in theta0, phi, tau2 or k (the alert monitor, whose events are "
                + "internal, still judges it on its exact figures)");
        return d;
    }
}
