package org.ete.analysis.ete;

import org.ete.analysis.breakdown.Dimension;
import org.ete.analysis.disclosure.CellKeyPerturbation;
import org.ete.analysis.disclosure.PTable;
import org.ete.analysis.disclosure.RecordKeys;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assembling the answer from aggregate figures: rates, ordering and disclosure control. */
class EteOutputsQueryTest {
    static final EteOutputsCategoryCube.Result NONE =
            new EteOutputsCategoryCube.Result(Map.of(), new EteOutputsCategoryCube.Tally(0, 0, 0));

    static EteOutputsAggregates.Snapshot outputs(Map<List<String>, EteOutputsCube.Counts> outputs) {
        return new EteOutputsAggregates.Snapshot(outputs, NONE, NONE);
    }

    @Test
    void totalWithRatesWhenLargeEnough() {
        EteOutputs o = EteOutputsQuery.report(outputs(Map.of(List.of(), new EteOutputsCube.Counts(20, 5, 4))),
                null, null, List.of(), 10);
        assertEquals(20L, o.tookUp());
        assertEquals(5L, o.foundWork());
        assertEquals(0.25, o.foundWorkRate());
        assertEquals(4L, o.sustained());
        assertEquals(0.8, o.sustainedRate());
        assertFalse(o.suppressed());
        assertEquals(List.of(), o.rows(), "no rows without by");
    }

    @Test
    void aTotalOfFewerThanTheThresholdShowsNoFigures() {
        EteOutputs o = EteOutputsQuery.report(outputs(Map.of(List.of(), new EteOutputsCube.Counts(9, 9, 9))),
                null, null, List.of(), 10);
        assertTrue(o.suppressed());
        assertNull(o.tookUp());
        assertNull(o.foundWork());
        assertNull(o.foundWorkRate());
        assertNull(o.sustained());
        assertNull(o.sustainedRate());
        EteOutputs empty = EteOutputsQuery.report(outputs(Map.of()), null, null, List.of(), 10);
        assertTrue(empty.suppressed(), "nobody is suppressed too");
        EteOutputs noThreshold = EteOutputsQuery.report(outputs(Map.of()), null, null, List.of(), 0);
        assertEquals(0L, noThreshold.tookUp());
        assertNull(noThreshold.foundWorkRate(), "no denominator, no rate");
    }

    @Test
    void oneSmallGroupTakesTheNextSmallestWithIt() {
        EteOutputs o = EteOutputsQuery.report(outputs(Map.of(
                List.of("North"), new EteOutputsCube.Counts(30, 10, 5),
                List.of("South"), new EteOutputsCube.Counts(12, 6, 3),
                List.of("West"), new EteOutputsCube.Counts(15, 3, 0),
                List.of("not-known"), new EteOutputsCube.Counts(4, 1, 1))), null, null, List.of(Dimension.TEAM), 10);
        assertEquals(List.of("North", "South", "West", "not-known"),
                o.rows().stream().map(r -> r.group().get("team")).toList());
        assertEquals(List.of(false, true, false, true), o.rows().stream().map(EteOutputs.Row::suppressed).toList());
        assertNull(o.rows().get(1).tookUp());
        assertEquals(15L, o.rows().get(2).tookUp());
        assertEquals(0.2, o.rows().get(2).foundWorkRate());
        assertEquals(0.0, o.rows().get(2).sustainedRate());
        assertEquals(61L, o.tookUp(), "the total is shown: two hidden rows cannot be told apart");
        assertEquals(20L, o.foundWork());
        assertEquals(9L, o.sustained());
    }

    @Test
    void coursesAndJobsInContractOrderSuppressedOnDistinctPeople() {
        EteOutputsCategoryCube.Result courses = new EteOutputsCategoryCube.Result(Map.of(
                "nvq", new EteOutputsCategoryCube.Tally(12, 10, 11),
                "cscs", new EteOutputsCategoryCube.Tally(25, 20, 20),
                "fork-lift", new EteOutputsCategoryCube.Tally(14, 14, 9)),  // 14 courses but 9 people
                new EteOutputsCategoryCube.Tally(51, 44, 38));
        EteOutputsCategoryCube.Result jobs = new EteOutputsCategoryCube.Result(Map.of(
                "retail", new EteOutputsCategoryCube.Tally(3, 0, 3)), new EteOutputsCategoryCube.Tally(3, 0, 3));
        EteOutputs o = EteOutputsQuery.report(new EteOutputsAggregates.Snapshot(Map.of(), courses, jobs),
                null, null, List.of(), 10);
        List<EteOutputs.CourseRow> rows = o.coursesCompleted().rows();
        assertEquals(List.of("cscs", "nvq", "fork-lift"),
                rows.stream().map(EteOutputs.CourseRow::qualification).toList());
        assertEquals(new EteOutputs.CourseRow("cscs", 25L, 20L, 20L, false), rows.get(0));
        assertEquals(new EteOutputs.CourseRow("nvq", null, null, null, true), rows.get(1), "secondary: next smallest");
        assertEquals(new EteOutputs.CourseRow("fork-lift", null, null, null, true), rows.get(2), "primary");
        assertEquals(new EteOutputs.CourseRow("total", 51L, 44L, 38L, false), o.coursesCompleted().total());
        assertEquals(List.of(new EteOutputs.JobRow("retail", null, null, true)), o.jobsStarted().rows());
        assertEquals(new EteOutputs.JobRow("total", null, null, true), o.jobsStarted().total());
    }

    /** Published counts: each within the ptable's bound of the truth, nested as the truth is, the same every time. */
    @Test
    void perturbedCountsStayCloseNestedAndFixedByTheirPeople() {
        CellKeyPerturbation on = new CellKeyPerturbation(new RecordKeys("a-record-key-secret-of-at-least-32-characters"),
                true);
        for (long keys = 0; keys < 300; keys += 7) {
            EteOutputsCube.Counts c = new EteOutputsCube.Counts(40, 12, 11);
            c.tookUpKeys = keys;
            c.foundWorkKeys = keys * 3;
            c.sustainedKeys = keys * 5 + 1;
            EteOutputsCube.Counts p = EteOutputsQuery.perturbed(c, on);
            assertTrue(Math.abs(p.tookUp() - 40) <= PTable.MAX_NOISE);
            assertTrue(Math.abs(p.foundWork() - 12) <= PTable.MAX_NOISE);
            assertTrue(p.sustained() <= p.foundWork() && p.foundWork() <= p.tookUp(), p.toString());
            assertEquals(p, EteOutputsQuery.perturbed(c, on), "the same people, the same figures");
            EteOutputsCategoryCube.Tally t = EteOutputsQuery.perturbed(
                    new EteOutputsCategoryCube.Tally(14, 14, 9, keys, keys, keys * 11), on);
            assertTrue(t.people() <= t.outputs() && t.achieved() <= t.outputs(), t.toString());
            assertTrue(Math.abs(t.outputs() - 14) <= PTable.MAX_NOISE && Math.abs(t.people() - 9) <= PTable.MAX_NOISE);
        }
        EteOutputsCube.Counts exact = new EteOutputsCube.Counts(40, 12, 11);
        assertEquals(exact, EteOutputsQuery.perturbed(exact, CellKeyPerturbation.off()));
    }
}
