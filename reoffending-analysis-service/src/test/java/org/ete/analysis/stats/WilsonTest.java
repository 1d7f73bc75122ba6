package org.ete.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class WilsonTest {

    /** Phi^-1(0.975) to 15 significant figures (standard normal tables / R qnorm(0.975)). */
    private static final double Z_975 = 1.959963984540054;

    @Test
    void zIsTheNormalQuantileNotTheRoundedLiteral() {
        assertEquals(Z_975, Wilson.Z_95, 1e-12);
    }

    /** Newcombe (1998), Statistics in Medicine 17:857-872, Table II, method 3 (score, no continuity correction). */
    @ParameterizedTest(name = "{0}/{1} -> [{2}, {3}]")
    @CsvSource({
        "81, 263, 0.2553, 0.3662",
        "15, 148, 0.0624, 0.1605",
        " 0,  20, 0.0000, 0.1611",
        " 1,  29, 0.0061, 0.1718",
    })
    void reproducesNewcombesPublishedIntervals(long k, long n, double lower, double upper) {
        Wilson.Interval ci = Wilson.interval95(k, n);
        assertEquals(lower, ci.lower(), 0.00005);
        assertEquals(upper, ci.upper(), 0.00005);
    }

    @Test
    void matchesADirectTranscriptionOfTheFormula() {
        // 81/263: centre and half-width written out with the constants inline.
        double p = 81.0 / 263.0;
        double z2 = Z_975 * Z_975;
        double centre = (p + z2 / (2 * 263)) / (1 + z2 / 263);
        double half = Z_975 / (1 + z2 / 263) * Math.sqrt(p * (1 - p) / 263 + z2 / (4.0 * 263 * 263));
        Wilson.Interval ci = Wilson.interval95(81, 263);
        assertEquals(centre - half, ci.lower(), 1e-12);
        assertEquals(centre + half, ci.upper(), 1e-12);
        assertEquals(0.255289, ci.lower(), 5e-7);
        assertEquals(0.366210, ci.upper(), 5e-7);
    }

    @Test
    void allSuccessesGivesUpperBoundOne() {
        Wilson.Interval ci = Wilson.interval95(29, 29);
        assertEquals(1.0, ci.upper());
        // With k = n the lower bound reduces to n / (n + z^2) = 29 / (29 + 3.841459) = 0.883030.
        assertEquals(29.0 / (29.0 + Z_975 * Z_975), ci.lower(), 1e-12);
        assertEquals(0.883030, ci.lower(), 5e-7);
    }

    @Test
    void noTrialsGivesAnUndefinedIntervalWithNullBounds() {
        Wilson.Interval ci = Wilson.interval95(0, 0);
        assertFalse(ci.isDefined());
        assertNull(ci.lower());
        assertNull(ci.upper());
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> Wilson.interval95(5, 4));
        assertThrows(IllegalArgumentException.class, () -> Wilson.interval95(-1, 4));
        assertThrows(IllegalArgumentException.class, () -> Wilson.interval95(0, -1));
        assertThrows(IllegalArgumentException.class, () -> Wilson.interval(1, 4, Double.NaN));
    }

    @ParameterizedTest(name = "[{index}] {0}/{1}")
    @MethodSource("countsUpTo100000")
    void intervalContainsTheObservedRateAndStaysInUnitRange(int k, int n) {
        Wilson.Interval ci = Wilson.interval95(k, n);
        double p = (double) k / n;
        assertTrue(0.0 <= ci.lower() && ci.lower() <= p + 1e-12, ci::toString);
        assertTrue(p - 1e-12 <= ci.upper() && ci.upper() <= 1.0, ci::toString);
    }

    @ParameterizedTest(name = "[{index}] {0}/{1}")
    @MethodSource("countsUpTo10000")
    void failuresMirrorSuccesses(int k, int n) {
        Wilson.Interval ci = Wilson.interval95(k, n);
        Wilson.Interval mirror = Wilson.interval95(n - k, n);
        assertEquals(1.0 - mirror.upper(), ci.lower(), 1e-12);
        assertEquals(1.0 - mirror.lower(), ci.upper(), 1e-12);
    }

    /** k in [0, 100000], n in [1, 100000], k <= n. */
    static Stream<Arguments> countsUpTo100000() {
        return counts(100_000, 0x5749_4C53_4F4EL);
    }

    /** k in [0, 10000], n in [1, 10000], k <= n. */
    static Stream<Arguments> countsUpTo10000() {
        return counts(10_000, 0x4D49_5252_4F52L);
    }

    /**
     * Pairs 0 <= k <= n, 1 <= n <= max: the corners and neighbours of the range, then 200 seeded random pairs
     * drawn as k in [0, max] and n in [1, max] independently, redrawn until k <= n (a pair with k > n is not
     * a count). Every fifth random pair uses n <= 50, where the interval is widest.
     */
    private static Stream<Arguments> counts(int max, long seed) {
        List<Arguments> cases = new ArrayList<>();
        int[][] edges = {
            {0, 1}, {1, 1}, {0, 2}, {1, 2}, {2, 2}, {0, 3}, {1, 3}, {2, 3}, {3, 3},
            {0, max}, {1, max}, {max / 2, max}, {max - 1, max}, {max, max},
            {0, max - 1}, {max - 1, max - 1},
        };
        for (int[] e : edges) {
            cases.add(Arguments.of(e[0], e[1]));
        }
        Random random = new Random(seed);
        for (int c = 0; c < 200; c++) {
            int bound = c % 5 == 4 ? 50 : max;
            int k;
            int n;
            do {
                k = random.nextInt(0, bound + 1);
                n = random.nextInt(1, bound + 1);
            } while (k > n);
            cases.add(Arguments.of(k, n));
        }
        return cases.stream();
    }
}
