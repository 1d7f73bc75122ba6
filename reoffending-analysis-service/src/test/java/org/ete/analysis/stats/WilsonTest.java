package org.ete.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @Property
    void intervalContainsTheObservedRateAndStaysInUnitRange(
            @ForAll @IntRange(min = 0, max = 100_000) int k, @ForAll @IntRange(min = 1, max = 100_000) int n) {
        Assume.that(k <= n);
        Wilson.Interval ci = Wilson.interval95(k, n);
        double p = (double) k / n;
        assertTrue(0.0 <= ci.lower() && ci.lower() <= p + 1e-12, ci::toString);
        assertTrue(p - 1e-12 <= ci.upper() && ci.upper() <= 1.0, ci::toString);
    }

    @Property
    void failuresMirrorSuccesses(
            @ForAll @IntRange(min = 0, max = 10_000) int k, @ForAll @IntRange(min = 1, max = 10_000) int n) {
        Assume.that(k <= n);
        Wilson.Interval ci = Wilson.interval95(k, n);
        Wilson.Interval mirror = Wilson.interval95(n - k, n);
        assertEquals(1.0 - mirror.upper(), ci.lower(), 1e-12);
        assertEquals(1.0 - mirror.lower(), ci.upper(), 1e-12);
    }
}
