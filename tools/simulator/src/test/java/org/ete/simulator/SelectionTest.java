package org.ete.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The calibration primitives: exact sizes, target means, exact apportionment, and reproducibility. */
class SelectionTest {

    private static double[] scores(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = 0.05 + 0.8 * Math.pow(rng.nextDouble(), 1.3);
        }
        return p;
    }

    @Test
    void withMeanChoosesExactlyKDistinctPeopleWithTheTargetMean() {
        double[] p = scores(10_000, 1);
        int[] all = new int[p.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        for (double target : new double[] {0.2, 0.3, 0.45}) {
            int[] chosen = Selection.withMean(all, p, null, 2_000, target, new Rng(42));
            assertEquals(2_000, chosen.length);
            assertEquals(2_000, Arrays.stream(chosen).distinct().count());
            assertEquals(target, Selection.mean(chosen, p), 2 * Selection.MEAN_TOLERANCE);
        }
        assertArrayEquals(Selection.withMean(all, p, null, 500, 0.3, new Rng(9)),
                Selection.withMean(all, p, null, 500, 0.3, new Rng(9)));
    }

    @Test
    void weightedTakesExactlyKAndFavoursHeavyWeights() {
        int n = 1_000;
        int[] all = new int[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
            w[i] = i < 500 ? 1 : 4;
        }
        int[] chosen = Selection.weighted(all, w, 200, new Rng(3));
        assertEquals(200, Arrays.stream(chosen).distinct().count());
        long heavy = Arrays.stream(chosen).filter(i -> i >= 500).count();
        assertTrue(heavy > 130, "heavy " + heavy);
    }

    @Test
    void apportionIsExactAndProportional() {
        int[] a = Targets.apportion(6_150, new double[] {1039, 969, 443, 402, 279, 277, 1480, 1261});
        assertArrayEquals(new int[] {1039, 969, 443, 402, 279, 277, 1480, 1261}, a);
        int[] half = Targets.apportion(100, new double[] {1, 1, 1});
        assertEquals(100, Arrays.stream(half).sum());
    }

    @Test
    void crnsAreALetterAndSixDigitsAndWorkingDaysFollowTheAnalysisDefinition() {
        assertEquals("A000000", Person.crn(0));
        assertEquals("B000042", Person.crn(1_000_042));
        assertEquals("Z999999", Person.crn(25_999_999));
        int friday = Days.of(2023, 6, 2);
        assertEquals(1, Days.workingDaysBetween(friday, friday + 3)); // Friday -> Monday
        assertEquals(0, Days.workingDaysBetween(friday, friday));
        assertEquals(friday + 3, Days.addWorkingDays(friday, 1));
        assertEquals(15, Days.workingDaysBetween(friday, Days.addWorkingDays(friday, 15)));
    }
}
