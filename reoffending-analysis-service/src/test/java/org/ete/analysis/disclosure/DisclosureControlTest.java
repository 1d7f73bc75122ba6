package org.ete.analysis.disclosure;

import static org.ete.analysis.disclosure.DisclosureControl.Suppression.NONE;
import static org.ete.analysis.disclosure.DisclosureControl.Suppression.PRIMARY;
import static org.ete.analysis.disclosure.DisclosureControl.Suppression.SECONDARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ete.analysis.disclosure.DisclosureControl.Result;
import org.ete.analysis.disclosure.DisclosureControl.Row;
import org.ete.analysis.disclosure.DisclosureControl.RowDecision;
import org.ete.analysis.disclosure.DisclosureControl.Suppression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DisclosureControlTest {

    private static List<Suppression> groupDecisions(Result result) {
        return result.groups().stream().map(RowDecision::suppression).toList();
    }

    @Test
    void nothingBelowTheThresholdSuppressesNothing() {
        Result result = DisclosureControl.apply(List.of(new Row("north", 10), new Row("south", 25)), 35);
        assertEquals(List.of(NONE, NONE), groupDecisions(result));
        assertEquals(NONE, result.total());
        assertEquals(10, result.threshold());
    }

    @Test
    void onePrimaryTakesTheNextSmallestGroupWithIt() {
        // total - (others) would reveal "east"; hiding "west" (the smallest other group) prevents it.
        Result result = DisclosureControl.apply(
                List.of(new Row("north", 40), new Row("east", 4), new Row("west", 12), new Row("south", 30)), 86);
        assertEquals(List.of(NONE, PRIMARY, SECONDARY, NONE), groupDecisions(result));
        assertEquals(NONE, result.total());
    }

    @Test
    void tiesForNextSmallestGoToTheFirstKey() {
        Result result = DisclosureControl.apply(
                List.of(new Row("zulu", 12), new Row("alpha", 3), new Row("mike", 12), new Row("bravo", 12)), 39);
        assertEquals(PRIMARY, result.group("alpha"));
        assertEquals(SECONDARY, result.group("bravo"));
        assertEquals(NONE, result.group("mike"));
        assertEquals(NONE, result.group("zulu"));
    }

    @Test
    void aLonePrimaryGroupTakesTheTotalWithIt() {
        // The breakdown has one group (e.g. only one ethnicity recorded), so total - group reveals
        // the people outside it; the total goes.
        Result result = DisclosureControl.apply(List.of(new Row("white", 7)), 23);
        assertEquals(List.of(PRIMARY), groupDecisions(result));
        assertEquals(SECONDARY, result.total());
    }

    @Test
    void twoPrimariesNeedNoSecondary() {
        Result result = DisclosureControl.apply(
                List.of(new Row("a", 3), new Row("b", 5), new Row("c", 50), new Row("d", 20)), 78);
        assertEquals(List.of(PRIMARY, PRIMARY, NONE, NONE), groupDecisions(result));
        assertEquals(NONE, result.total());
    }

    @Test
    void aSuppressedTotalNeedsNoSecondary() {
        Result result = DisclosureControl.apply(List.of(new Row("a", 6), new Row("b", 10)), 9);
        assertEquals(List.of(PRIMARY, NONE), groupDecisions(result));
        assertEquals(PRIMARY, result.total());
    }

    @Test
    void aSmallTotalIsSuppressedOnItsOwn() {
        Result result = DisclosureControl.apply(List.of(), 9);
        assertEquals(PRIMARY, result.total());
        assertTrue(result.totalSuppressed());
    }

    @Test
    void zeroIsSuppressedAndThresholdIsConfigurable() {
        Result defaults = DisclosureControl.apply(List.of(new Row("a", 0), new Row("b", 12), new Row("c", 15)), 27);
        assertEquals(List.of(PRIMARY, SECONDARY, NONE), groupDecisions(defaults));

        Result five = DisclosureControl.apply(List.of(new Row("a", 6), new Row("b", 12), new Row("c", 15)), 33, 5);
        assertEquals(List.of(NONE, NONE, NONE), groupDecisions(five));
        assertEquals(5, five.threshold());

        Result exactly = DisclosureControl.apply(List.of(new Row("a", 10), new Row("b", 9)), 19);
        assertEquals(List.of(SECONDARY, PRIMARY), groupDecisions(exactly), "10 is not below 10, 9 is");
    }

    @Test
    void anEmptyRowIsNoCoverForASmallOne() {
        // a (0) and b (3) are both below 10, but the total less c and d is b's 3 exactly: hide c as well
        Result r = DisclosureControl.apply(List.of(new Row("a", 0), new Row("b", 3), new Row("c", 40),
                new Row("d", 50)), 93);
        assertEquals(List.of(PRIMARY, PRIMARY, SECONDARY, NONE), groupDecisions(r));
        // one empty row alone is pinned to 0 by subtraction: it gets cover; several empty rows only say they are
        // empty, which discloses nobody, so the figures that matter stay shown
        Result empty = DisclosureControl.apply(List.of(new Row("a", 0), new Row("c", 40), new Row("d", 50)), 90);
        assertEquals(List.of(PRIMARY, SECONDARY, NONE), groupDecisions(empty));
        Result empties = DisclosureControl.apply(List.of(new Row("a", 0), new Row("b", 0), new Row("c", 40),
                new Row("d", 50)), 90);
        assertEquals(List.of(PRIMARY, PRIMARY, NONE, NONE), groupDecisions(empties));
        // two small non-empty rows cover each other
        Result two = DisclosureControl.apply(List.of(new Row("a", 2), new Row("b", 3), new Row("c", 40)), 45);
        assertEquals(List.of(PRIMARY, PRIMARY, NONE), groupDecisions(two));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new Row("a", -1));
        assertThrows(IllegalArgumentException.class,
                () -> DisclosureControl.apply(List.of(new Row("a", 1), new Row("a", 2)), 3));
        assertThrows(IllegalArgumentException.class, () -> DisclosureControl.apply(List.of(), 3, -1));
        assertThrows(IllegalArgumentException.class, () -> DisclosureControl.apply(List.of(), -3));
    }

    /** Whatever the sizes: small rows are hidden, and a single hidden group never sits beside a shown total. */
    @ParameterizedTest(name = "[{index}] sizes {0}, extra {1}, threshold {2}")
    @MethodSource("sizesExtrasAndThresholds")
    void noSingleSuppressedGroupCanBeRecoveredBySubtraction(List<Integer> sizes, int extraInTotal, int threshold) {
        List<Row> rows = new ArrayList<>();
        long total = extraInTotal;
        for (int i = 0; i < sizes.size(); i++) {
            rows.add(new Row("g" + i, sizes.get(i)));
            total += sizes.get(i);
        }
        Result result = DisclosureControl.apply(rows, total, threshold);

        long hiddenGroups = result.groups().stream().filter(RowDecision::suppressed).count();
        long secondaries = result.groups().stream().filter(d -> d.suppression() == SECONDARY).count()
                + (result.total() == SECONDARY ? 1 : 0);
        for (RowDecision d : result.groups()) {
            assertEquals(d.size() < threshold, d.suppression() == PRIMARY, d::toString);
        }
        assertEquals(total < threshold, result.total() == PRIMARY);
        assertTrue(hiddenGroups != 1 || result.totalSuppressed(), result::toString);
        assertTrue(secondaries <= 1);
    }

    /**
     * 0..12 group sizes in [0, 40], 0..60 people outside the groups, threshold in [0, 20]: edge cases (no groups,
     * one group, sizes at and either side of the threshold, all zero, all at the maximum), then 200 seeded
     * random cases, every other one with sizes near the threshold so that suppression is common.
     */
    static Stream<Arguments> sizesExtrasAndThresholds() {
        List<Arguments> cases = new ArrayList<>();
        List<List<Integer>> edgeLists = List.of(
                List.of(), List.of(0), List.of(9), List.of(10), List.of(40),
                List.of(0, 40), List.of(9, 10), List.of(9, 9), List.of(9, 10, 10), List.of(3, 12, 12, 12),
                Collections.nCopies(12, 0), Collections.nCopies(12, 9), Collections.nCopies(12, 40));
        for (List<Integer> list : edgeLists) {
            for (int extra : new int[] {0, 1, 60}) {
                for (int threshold : new int[] {0, 1, 10, 20}) {
                    cases.add(Arguments.of(list, extra, threshold));
                }
            }
        }
        Random random = new Random(0x4449_5343_4C4FL);
        for (int c = 0; c < 200; c++) {
            int threshold = random.nextInt(0, 21);
            int count = random.nextInt(0, 13);
            List<Integer> sizes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                sizes.add(c % 2 == 0
                        ? random.nextInt(0, 41)
                        : Math.max(0, Math.min(40, threshold + random.nextInt(-3, 4))));
            }
            int extra = c % 3 == 0 ? 0 : random.nextInt(0, 61);
            cases.add(Arguments.of(sizes, extra, threshold));
        }
        return cases.stream();
    }
}
