package org.ete.analysis.alerts;

import org.ete.analysis.breakdown.Dimension;
import org.ete.analysis.disclosure.DisclosureControl;
import org.ete.analysis.reoffending.Cohort;
import org.ete.analysis.reoffending.MeasuredFrom;
import org.ete.analysis.stats.FunnelPlot;

import java.time.LocalDate;
import java.util.List;

/**
 * The funnel of one dimension, before disclosure control is applied to its output: every group's exact figures
 * (for the monitor, whose events are internal and must carry them) together with the disclosure decision for
 * each group (for the API, which hides what the decision says).
 *
 * @param groups one per group that has people in the window, in group-key order
 * @param window the index-date window judged (the default 12 months unless given)
 * @param theta0 the funnel's centre on the O/E scale; null when k = 0 and the centre is pooled
 * @param phi    over-dispersion factor over the k assessed groups; null when k = 0
 * @param tau2   additive between-group variance (0 when k < 10)
 * @param k      number of shown groups with E > 0 (phi and tau2 come from these only)
 */
public record FunnelEvaluation(Dimension by, Cohort cohort, MeasuredFrom measuredFrom, AlertWindow window,
                               LocalDate asOf, long threshold, List<GroupResult> groups, FunnelPlot.Centre centre,
                               Double theta0, Double phi, double tau2, int k) {
    public FunnelEvaluation {
        groups = List.copyOf(groups);
    }

    public LocalDate from() {
        return window.from();
    }

    public LocalDate to() {
        return window.to();
    }

    /**
     * One group.
     *
     * @param group       the dimension value
     * @param matured     matured people, n
     * @param point       its funnel point, or null when E = 0 (not assessed: no ratio, no limits, no status)
     * @param suppression the disclosure decision for the group's row
     */
    public record GroupResult(String group, long matured, long observed, double expected, FunnelPlot.Point point,
                              DisclosureControl.Suppression suppression) {
        public boolean assessed() {
            return point != null;
        }

        public boolean suppressed() {
            return suppression.suppressed();
        }
    }
}
