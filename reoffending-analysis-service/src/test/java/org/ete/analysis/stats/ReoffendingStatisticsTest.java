package org.ete.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReoffendingStatisticsTest {

    /*
     * The refined normal p-values below are computed in python (scipy) from DOMAIN.md's formula:
     *
     *   import numpy as np; from scipy.stats import norm
     *   def G(x, mu, v, k3):
     *       s = np.sqrt(v); g = k3 / s**3; t = (x + 0.5 - mu) / s
     *       return min(1, max(0, norm.cdf(t) + g * (1 - t*t) * norm.pdf(t) / 6))
     *   def refined(O, mu, v, k3): return min(1, 2 * min(G(O, mu, v, k3), 1 - G(O - 1, mu, v, k3)))
     *
     * With skew 0 it is the normal approximation with a continuity correction, no longer 2 Phi(-|z|): the three
     * z-quantile tests below used to assert p = 0.05 and 0.002 for the pValue and now assert those for
     * twoSidedPValue(z) and the refined value for the pValue.
     */

    @Test
    void zOf196HasPlainTwoSidedPValueOfFivePercent() {
        // sqrt(V) = 4, O - E = 50 - 42.16 = 7.84 = 1.96 * 4.
        ReoffendingStatistics s = ReoffendingStatistics.of(50, 200, 42.16, 16.0, 0.0);
        assertEquals(1.96, s.z(), 1e-12);
        assertEquals(0.0500, ReoffendingStatistics.twoSidedPValue(s.z()), 0.00005); // 2 * (1 - 0.975002) = 0.049996
        assertEquals(0.06650568945685031, s.pValue(), 1e-12); // refined(50, 42.16, 16, 0) = 2 * Phi(-7.34 / 4)
    }

    @Test
    void zOf309HasPlainTwoSidedPValueOfTwoPerThousand() {
        // O - E = 50 - 37.64 = 12.36 = 3.09 * 4.
        ReoffendingStatistics s = ReoffendingStatistics.of(50, 200, 37.64, 16.0, 0.0);
        assertEquals(3.09, s.z(), 1e-12);
        assertEquals(0.0020, ReoffendingStatistics.twoSidedPValue(s.z()), 0.00005); // Phi(3.09) = 0.99900
        assertEquals(0.0030268292956061593, s.pValue(), 1e-12); // refined(50, 37.64, 16, 0)
    }

    @Test
    void fewerThanPredictedGivesNegativeZWithTheSamePValue() {
        // O - E = 30 - 37.84 = -7.84 = -1.96 * 4.
        ReoffendingStatistics s = ReoffendingStatistics.of(30, 200, 37.84, 16.0, 0.0);
        assertEquals(-1.96, s.z(), 1e-12);
        assertEquals(0.0500, ReoffendingStatistics.twoSidedPValue(s.z()), 0.00005);
        assertEquals(0.06650568945685037, s.pValue(), 1e-12); // refined(30, 37.84, 16, 0): mirror of O = 50
        assertEquals(7.84, s.fewerReoffended(), 1e-12);
    }

    // ---------------------------------------------------------------- refined normal against exact, n = 25

    /** 25 people, p_i = 0.39 + 0.014 i (i = 0..24): E = 13.95, V = 5.9111, sum p(1-p)(1-2p) = -0.626574. */
    private static final double[] TWENTY_FIVE_MIDDLING = {
        0.39, 0.404, 0.418, 0.432, 0.446, 0.46, 0.474, 0.488, 0.502, 0.516, 0.53, 0.544, 0.558, 0.572, 0.586,
        0.6, 0.614, 0.628, 0.642, 0.656, 0.67, 0.684, 0.698, 0.712, 0.726};

    /** 25 people, p_i = 0.05 + 0.004 i (i = 0..24): E = 2.45, V = 2.1891, sum p(1-p)(1-2p) = 1.72659 (right-skewed). */
    private static final double[] TWENTY_FIVE_LOW = {
        0.05, 0.054, 0.058, 0.062, 0.066, 0.07, 0.074, 0.078, 0.082, 0.086, 0.09, 0.094, 0.098, 0.102, 0.106,
        0.11, 0.114, 0.118, 0.122, 0.126, 0.13, 0.134, 0.138, 0.142, 0.146};

    /*
     * Exact two-sided p of the Poisson-binomial O, min(1, 2 min(P(X <= O), P(X >= O))), by convolution, and the
     * plain normal 2 Phi(-|z|), in python:
     *
     *   def pmf(ps):
     *       f = np.array([1.0])
     *       for p in ps: f = np.convolve(f, [1 - p, p])
     *       return f
     *   def exact(ps, O): f = pmf(ps); return min(1, 2 * min(f[:O + 1].sum(), f[O:].sum()))
     *   def plain(ps, O):
     *       ps = np.array(ps); return 2 * norm.cdf(-abs((O - ps.sum()) / np.sqrt((ps * (1 - ps)).sum())))
     *
     *   ps = [round(0.39 + 0.014 * i, 4) for i in range(25)], O = 19:
     *       plain 0.03779241041541609, exact 0.05633359028368014, refined 0.05876516429187184
     *   ps = [round(0.05 + 0.004 * i, 4) for i in range(25)], O = 6:
     *       plain 0.016423724631275515, exact 0.05981266493581653, refined 0.06678169944111145
     *       (refined with the skew set to 0, i.e. continuity correction only: 0.03926273796198524)
     */

    @Test
    void atTwentyFivePeopleTheRefinedPValueIsCloseToTheExactOneWhereThePlainNormalIsNot() {
        // DOMAIN.md: "at n = 25 the plain normal p was 0.038 where the exact one is 0.057".
        ReoffendingStatistics s = ReoffendingStatistics.fromProbabilities(19, TWENTY_FIVE_MIDDLING);
        double exact = 0.05633359028368014;
        double plain = ReoffendingStatistics.twoSidedPValue(s.z());
        assertEquals(13.95, s.expected(), 1e-12);
        assertEquals(5.9111, s.variance(), 1e-12);
        assertEquals(-0.626574, s.skew(), 1e-12);
        assertEquals(0.03779241041541609, plain, 1e-12);
        assertEquals(0.05876516429187184, s.pValue(), 1e-9);
        assertTrue(Math.abs(s.pValue() - exact) < 0.003, "refined within 0.003 of exact");
        assertTrue(Math.abs(s.pValue() - exact) < Math.abs(plain - exact) / 5, "far closer than the plain normal");
    }

    @Test
    void forLowPredictionsTheSkewTermDoesTheWork() {
        ReoffendingStatistics s = ReoffendingStatistics.fromProbabilities(6, TWENTY_FIVE_LOW);
        double exact = 0.05981266493581653;
        double plain = ReoffendingStatistics.twoSidedPValue(s.z());
        double continuityOnly = ReoffendingStatistics.refinedNormalPValue(6, s.expected(), s.variance(), 0.0);
        assertEquals(1.72659, s.skew(), 1e-12);
        assertEquals(0.016423724631275515, plain, 1e-12);
        assertEquals(0.03926273796198524, continuityOnly, 1e-9);
        assertEquals(0.06678169944111145, s.pValue(), 1e-9);
        // Plain says significant at 5%, exact and refined do not; the skew term closes most of the gap.
        assertTrue(Math.abs(s.pValue() - exact) < Math.abs(continuityOnly - exact));
        assertTrue(Math.abs(s.pValue() - exact) < Math.abs(plain - exact));
    }

    @Test
    void skewMovesTheTwoTailsInOppositeDirections() {
        // mu = 10, sigma^2 = 4, O = 14 (upper tail): refined(14, 10, 4, k3) for k3 = +2, 0, -2.
        // A right skew (k3 > 0) makes a high O less surprising, so a larger p.
        assertEquals(0.0949472279009409, ReoffendingStatistics.refinedNormalPValue(14, 10, 4, 2.0), 1e-12);
        assertEquals(0.08011831372763423, ReoffendingStatistics.refinedNormalPValue(14, 10, 4, 0.0), 1e-12);
        assertEquals(0.06528939955432755, ReoffendingStatistics.refinedNormalPValue(14, 10, 4, -2.0), 1e-12);
    }

    @Test
    void refinedCdfIsClampedToTheUnitInterval() {
        // O = 2, mu = 5.5, sigma = 1, gamma = 1: t = -3, Phi(-3) + (1 - 9) phi(-3) / 6 = -0.004559 < 0, so G(O) = 0
        // and p = 0 (python: refined(2, 5.5, 1, 1) = 0).
        assertEquals(0.0, ReoffendingStatistics.refinedNormalPValue(2, 5.5, 1.0, 1.0), 0);
        // O = 0 with mu = 0.3 (three people at p = 0.1): both tails are above one half, p = 1.
        assertEquals(1.0, ReoffendingStatistics.refinedNormalPValue(0, 0.3, 0.27, 0.216), 0);
    }

    @Test
    void farUpperTailKeepsItsPrecision() {
        // O = 200, mu = 100, sigma^2 = 50, no skew: 1 - G(199) cancels to 0 in double arithmetic; the value is
        // 2 * norm.sf((199.5 - 100) / sqrt(50)) = 5.691099965684642e-45 (python).
        assertEquals(5.691099965684642e-45, ReoffendingStatistics.refinedNormalPValue(200, 100, 50, 0.0), 1e-53);
    }

    @Test
    void refinedPValueRejectsWhatHasNoDistribution() {
        assertThrows(IllegalArgumentException.class, () -> ReoffendingStatistics.refinedNormalPValue(1, 2, 0.0, 0));
        assertThrows(IllegalArgumentException.class, () -> ReoffendingStatistics.refinedNormalPValue(-1, 2, 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> ReoffendingStatistics.refinedNormalPValue(1, 2, 1, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> ReoffendingStatistics.refinedNormalPValue(1, Double.POSITIVE_INFINITY, 1, 0));
    }

    @Test
    void pValueAtKnownNormalQuantiles() {
        assertEquals(1.0, ReoffendingStatistics.twoSidedPValue(0.0), 1e-15);
        assertEquals(0.3173, ReoffendingStatistics.twoSidedPValue(1.0), 0.00005); // Phi(1) = 0.84134
        assertEquals(0.0455, ReoffendingStatistics.twoSidedPValue(-2.0), 0.00005); // Phi(2) = 0.97725
        assertEquals(0.01, ReoffendingStatistics.twoSidedPValue(2.5758293035489), 1e-9); // z_0.995
        // Far tail keeps its precision: 2 * Phi(-10) = 1.523971e-23.
        assertEquals(1.523971e-23, ReoffendingStatistics.twoSidedPValue(10.0), 1e-28);
    }

    @Test
    void seedAllEteCohortReadsAsAboutEightAndAHalfPointsBelowPrediction() {
        // 12,525 people, 27.1% actual (3,394 people), 35.6% predicted (E = 0.356 * 12,525 = 4,458.9).
        ReoffendingStatistics s = ReoffendingStatistics.of(3394, 12525, 4458.9, 2800.0, 0.0);
        assertEquals(3394.0 / 12525, s.actualRate(), 1e-15);
        assertEquals(0.356, s.predictedRate(), 1e-12);
        assertEquals(-8.5, s.differencePoints(), 0.01);
        assertEquals(1064.9, s.fewerReoffended(), 1e-9);
        assertEquals(3394 / 4458.9, s.observedOverExpected(), 1e-15);
        assertEquals((3394 - 4458.9) / Math.sqrt(2800.0), s.z(), 1e-12);
        assertTrue(s.actualRateCi95().lower() < s.actualRate() && s.actualRate() < s.actualRateCi95().upper());
    }

    @Test
    void allDerivedFiguresForASmallGroupByHand() {
        // p = 0.2, 0.5, 0.8, 0.5: E = 2.0, V = 0.16 + 0.25 + 0.16 + 0.25 = 0.82, skew = 0.16 * 0.6 + 0 +
        // 0.16 * (-0.6) + 0 = 0; one reoffended.
        ReoffendingStatistics s = ReoffendingStatistics.fromProbabilities(1, 0.2, 0.5, 0.8, 0.5);
        assertEquals(4, s.matured());
        assertEquals(2.0, s.expected(), 1e-15);
        assertEquals(0.82, s.variance(), 1e-15);
        assertEquals(0.0, s.skew(), 1e-15);
        assertEquals(0.25, s.actualRate());
        assertEquals(0.5, s.predictedRate(), 1e-15);
        assertEquals(-25.0, s.differencePoints(), 1e-12);
        assertEquals(0.5, s.observedOverExpected(), 1e-15);
        assertEquals(1.0, s.fewerReoffended(), 1e-15);
        assertEquals(-1.0 / Math.sqrt(0.82), s.z(), 1e-12); // -1.104315
        // Was 2 * Phi(-1.104315) = 0.269456 (plain normal); now refined(1, 2.0, 0.82, 0) = 2 * Phi(-0.5 / sqrt(0.82)).
        assertEquals(0.5808403603117523, s.pValue(), 1e-12);
    }

    @Test
    void nobodyMaturedGivesNullsNotNaN() {
        ReoffendingStatistics s = ReoffendingStatistics.of(0, 0, 0.0, 0.0, 0.0);
        assertNull(s.actualRate());
        assertFalse(s.actualRateCi95().isDefined());
        assertNull(s.predictedRate());
        assertNull(s.differencePoints());
        assertNull(s.observedOverExpected());
        assertEquals(0.0, s.fewerReoffended());
        assertNull(s.z());
        assertNull(s.pValue());
    }

    @Test
    void zeroExpectedGivesNoRatioAndNoZ() {
        ReoffendingStatistics s = ReoffendingStatistics.of(1, 5, 0.0, 0.0, 0.0);
        assertEquals(0.2, s.actualRate());
        assertEquals(0.0, s.predictedRate());
        assertEquals(20.0, s.differencePoints(), 1e-12);
        assertNull(s.observedOverExpected());
        assertEquals(-1.0, s.fewerReoffended());
        assertNull(s.z());
        assertNull(s.pValue());
    }

    @Test
    void zeroVarianceWithCertainPredictionsGivesNoZ() {
        // Every p_i is 0 or 1: E = 2, V = 0.
        ReoffendingStatistics s = ReoffendingStatistics.fromProbabilities(2, 1.0, 1.0, 0.0);
        assertEquals(2.0 / 3.0, s.actualRate(), 1e-15);
        assertEquals(1.0, s.observedOverExpected());
        assertNull(s.z());
        assertNull(s.pValue());
    }

    @Test
    void rejectsImpossibleInputs() {
        assertThrows(IllegalArgumentException.class, () -> ReoffendingStatistics.of(6, 5, 2.0, 1.0, 0.0));
        assertThrows(IllegalArgumentException.class, () -> ReoffendingStatistics.of(1, 5, 6.0, 1.0, 0.0));
        assertThrows(IllegalArgumentException.class, () -> ReoffendingStatistics.of(1, 5, -0.1, 0.0, 0.0));
        assertThrows(IllegalArgumentException.class, () -> ReoffendingStatistics.of(1, 5, 2.0, Double.NaN, 0.0));
        // V > E cannot come from p_i (1 - p_i): most likely E and V were swapped.
        assertThrows(IllegalArgumentException.class, () -> ReoffendingStatistics.of(1, 5, 1.0, 1.2, 0.0));
        // |sum p(1-p)(1-2p)| <= sum p(1-p), since |1 - 2p| <= 1.
        assertThrows(IllegalArgumentException.class, () -> ReoffendingStatistics.of(1, 5, 2.0, 1.0, 1.1));
        assertThrows(IllegalArgumentException.class, () -> ReoffendingStatistics.of(1, 5, 2.0, 1.0, -1.1));
        assertThrows(IllegalArgumentException.class, () -> ReoffendingStatistics.of(1, 5, 2.0, 1.0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ReoffendingStatistics.fromProbabilities(0, 0.5, 1.5));
    }

    @ParameterizedTest(name = "[{index}] share {1} of {0}")
    @MethodSource("probabilitiesAndShares")
    void derivedFiguresAreNeverNaNOrInfinite(List<Double> probabilities, double reoffendedShare) {
        double[] p = probabilities.stream().mapToDouble(Double::doubleValue).toArray();
        long reoffended = Math.round(reoffendedShare * p.length);
        ReoffendingStatistics s = ReoffendingStatistics.fromProbabilities(reoffended, p);
        for (Double value : new Double[] {
            s.actualRate(), s.predictedRate(), s.differencePoints(), s.observedOverExpected(),
            s.fewerReoffended(), s.z(), s.pValue(), s.actualRateCi95().lower(), s.actualRateCi95().upper(),
            s.skew()}) {
            assertTrue(value == null || Double.isFinite(value), () -> "non-finite in " + s);
        }
        if (p.length > 0) {
            assertNotNull(s.actualRate());
        }
        if (s.pValue() != null) {
            assertTrue(s.pValue() >= 0 && s.pValue() <= 1);
        }
    }

    private static final int MAX_PEOPLE = 60;

    /**
     * 0..60 probabilities in [0, 1] and a reoffended share in [0, 1]: edge cases (nobody, certain predictions
     * that give V = 0, all-zero predictions that give E = 0, the ends of both ranges), then 200 seeded random
     * cases mixing full-precision values, two-decimal values and mostly-certain predictions.
     */
    static Stream<Arguments> probabilitiesAndShares() {
        List<Arguments> cases = new ArrayList<>();
        List<List<Double>> edgeLists = new ArrayList<>();
        edgeLists.add(List.of());
        for (double v : new double[] {0.0, 0.01, 0.5, 0.99, 1.0}) {
            edgeLists.add(List.of(v));
            edgeLists.add(Collections.nCopies(MAX_PEOPLE, v));
        }
        List<Double> certain = new ArrayList<>();
        for (int i = 0; i < MAX_PEOPLE; i++) {
            certain.add(i % 3 == 0 ? 0.0 : 1.0);
        }
        edgeLists.add(certain);
        edgeLists.add(List.of(0.0, 1.0));
        edgeLists.add(List.of(0.01, 0.99));
        for (List<Double> list : edgeLists) {
            for (double share : new double[] {0.0, 0.5, 1.0}) {
                cases.add(Arguments.of(list, share));
            }
        }

        Random random = new Random(0x5245_4F46_4644L);
        for (int c = 0; c < 200; c++) {
            int size = random.nextInt(0, MAX_PEOPLE + 1);
            List<Double> probabilities = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                probabilities.add(switch (c % 3) {
                    case 0 -> random.nextDouble();
                    case 1 -> random.nextInt(0, 101) / 100.0;
                    default -> random.nextInt(10) == 0 ? random.nextDouble() : random.nextInt(2);
                });
            }
            double share = switch (c % 5) {
                case 0 -> 0.0;
                case 1 -> 1.0;
                case 2 -> random.nextInt(0, 101) / 100.0;
                default -> random.nextDouble();
            };
            cases.add(Arguments.of(probabilities, share));
        }
        return cases.stream();
    }
}
