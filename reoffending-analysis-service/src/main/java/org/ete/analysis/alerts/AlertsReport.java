package org.ete.analysis.alerts;

import org.ete.analysis.definitions.Definitions;
import org.ete.analysis.stats.FunnelPlot;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The alerts view of one dimension: a funnel point per group, disclosure-controlled, with the funnel's
 * over-dispersion estimates and the method.
 */
public record AlertsReport(
        String by,
        String cohort,
        String measuredFrom,
        String measuredFromDefinition,
        LocalDate from,
        LocalDate to,
        LocalDate asOf,
        long suppressionThreshold,
        String method,
        double z95,
        double z998,
        Double phi,
        double tau2,
        int k,
        List<Row> rows,
        Map<String, String> definitions,
        boolean windowDefaulted,
        String centre,
        Double theta0,
        String definitionsVersion,
        List<String> caveats) {

    public AlertsReport {
        rows = List.copyOf(rows);
    }

    /**
     * One group. When {@code suppressed}, every figure, the status and {@code assessed} are null; when not assessed
     * (E = 0) the ratio, limits and status are null.
     */
    public record Row(
            String group,
            Long matured,
            Long observed,
            Double expected,
            Double ratio,
            Double lower95,
            Double upper95,
            Double lower998,
            Double upper998,
            String status,
            Boolean assessed,
            boolean suppressed,
            Double standardError,
            Double detectableRatio) {
    }

    static AlertsReport of(FunnelEvaluation e) {
        List<Row> rows = new ArrayList<>(e.groups().size());
        for (FunnelEvaluation.GroupResult g : e.groups()) {
            FunnelPlot.Point p = g.point();
            String status = p == null ? null : p.status().label();
            if (g.suppressed()) {
                // Only suppressed: true (DOMAIN.md). A status of a handful of people gives their outcome away (O = 0
                // is always below the lower limit), and whether it is assessed tells an empty group from a small one.
                rows.add(new Row(g.group(), null, null, null, null, null, null, null, null, null, null, true, null,
                        null));
            } else if (p == null) {
                rows.add(new Row(g.group(), g.matured(), g.observed(), g.expected(), null, null, null, null, null,
                        null, false, false, null, null));
            } else {
                rows.add(new Row(g.group(), g.matured(), p.observed(), p.expected(), p.ratio(), p.lower95(),
                        p.upper95(), p.lower998(), p.upper998(), status, true, false, p.standardError(),
                        p.detectableRatio()));
            }
        }
        return new AlertsReport(e.by().wire(), e.cohort().wire(), e.measuredFrom().wire(),
                e.measuredFrom().definition(), e.from(), e.to(), e.asOf(), e.threshold(), FunnelAlerts.METHOD,
                FunnelPlot.C_95, FunnelPlot.C_998, e.phi(), e.tau2(), e.k(), rows, FunnelAlerts.DEFINITIONS,
                e.window().defaulted(), e.centre().label(), e.theta0(), Definitions.VERSION, Definitions.CAVEATS);
    }
}
