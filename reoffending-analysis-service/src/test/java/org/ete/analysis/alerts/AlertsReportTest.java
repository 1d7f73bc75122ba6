package org.ete.analysis.alerts;

import org.ete.analysis.breakdown.Dimension;
import org.ete.analysis.disclosure.DisclosureControl.Suppression;
import org.ete.analysis.reoffending.Cohort;
import org.ete.analysis.reoffending.MeasuredFrom;
import org.ete.analysis.stats.FunnelPlot;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertsReportTest {
    @Test
    void suppressedGroupsShowTheirStatusButNoFigures() {
        // sum p^2 as for people all at p = 0.3 (E * 0.3); the figures' values do not matter here.
        FunnelPlot.Result funnel = FunnelPlot.compute(List.of(new FunnelPlot.Group("A", 30, 10.0, 3.0),
                new FunnelPlot.Group("B", 10, 10.5, 3.15), new FunnelPlot.Group("C", 11, 10.2, 3.06),
                new FunnelPlot.Group("D", 0, 0.0, 0.0)));
        FunnelPlot.Point a = funnel.points().get(0);
        FunnelPlot.Point b = funnel.points().get(1);
        FunnelPlot.Point c = funnel.points().get(2);
        FunnelEvaluation e = new FunnelEvaluation(Dimension.TEAM, Cohort.ETE, MeasuredFrom.INDEX,
                AlertWindow.defaultFor(LocalDate.parse("2020-01-01")), LocalDate.parse("2020-01-01"), 10, List.of(
                new FunnelEvaluation.GroupResult("A", 8, 30, 10.0, a, Suppression.PRIMARY),
                new FunnelEvaluation.GroupResult("B", 40, 10, 10.5, b, Suppression.SECONDARY),
                new FunnelEvaluation.GroupResult("C", 41, 11, 10.2, c, Suppression.NONE),
                new FunnelEvaluation.GroupResult("D", 12, 0, 0.0, null, Suppression.NONE)),
                funnel.centre(), funnel.theta0(), funnel.phi(), funnel.tau2(), funnel.k());
        AlertsReport r = AlertsReport.of(e);

        assertTrue(r.windowDefaulted());
        assertEquals("pooled", r.centre());
        assertEquals(funnel.theta0(), r.theta0());
        assertEquals(2, r.caveats().size());
        assertEquals(3, r.k());
        assertEquals("team", r.by());
        assertEquals(1.96, r.z95());
        assertEquals(3.09, r.z998());
        AlertsReport.Row rowA = r.rows().get(0);
        assertTrue(rowA.suppressed());
        assertNull(rowA.status()); // only suppressed: true: a few people's status gives their outcome away
        assertNull(rowA.assessed());
        assertNull(rowA.matured());
        assertNull(rowA.observed());
        assertNull(rowA.expected());
        assertNull(rowA.ratio());
        assertNull(rowA.upper95()); // limits depend on 1/E, so they would reveal E
        assertNull(rowA.detectableRatio()); // as does the power
        assertNull(rowA.standardError());
        assertTrue(r.rows().get(1).suppressed());
        assertNull(r.rows().get(1).observed());

        AlertsReport.Row rowC = r.rows().get(2);
        assertFalse(rowC.suppressed());
        assertEquals(11L, rowC.observed());
        assertEquals(c.ratio(), rowC.ratio());
        assertEquals(c.upper998(), rowC.upper998());
        assertEquals(c.status().label(), rowC.status());
        assertEquals(c.detectableRatio(), rowC.detectableRatio());

        AlertsReport.Row rowD = r.rows().get(3); // E = 0: shown, but not assessed
        assertFalse(rowD.assessed());
        assertNull(rowD.status());
        assertNull(rowD.ratio());
        assertEquals(0L, rowD.observed());
    }
}
