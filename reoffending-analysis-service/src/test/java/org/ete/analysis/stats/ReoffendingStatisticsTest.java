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

    @Test
    void zOf196HasTwoSidedPValueOfFivePercent() {
        // sqrt(V) = 4, O - E = 50 - 42.16 = 7.84 = 1.96 * 4.
        ReoffendingStatistics s = ReoffendingStatistics.of(50, 200, 42.16, 16.0);
        assertEquals(1.96, s.z(), 1e-12);
        assertEquals(0.0500, s.pValue(), 0.00005); // 2 * (1 - 0.975002) = 0.049996
    }

    @Test
    void zOf309HasTwoSidedPValueOfTwoPerThousand() {
        // O - E = 50 - 37.64 = 12.36 = 3.09 * 4.
        ReoffendingStatistics s = ReoffendingStatistics.of(50, 200, 37.64, 16.0);
        assertEquals(3.09, s.z(), 1e-12);
        assertEquals(0.0020, s.pValue(), 0.00005); // table: Phi(3.09) = 0.99900, so p = 0.00200
    }

    @Test
    void fewerThanPredictedGivesNegativeZWithTheSamePValue() {
        // O - E = 30 - 37.84 = -7.84 = -1.96 * 4.
        ReoffendingStatistics s = ReoffendingStatistics.of(30, 200, 37.84, 16.0);
        assertEquals(-1.96, s.z(), 1e-12);
        assertEquals(0.0500, s.pValue(), 0.00005);
        assertEquals(7.84, s.fewerReoffended(), 1e-12);
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
        ReoffendingStatistics s = ReoffendingStatistics.of(3394, 12525, 4458.9, 2800.0);
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
        // p = 0.2, 0.5, 0.8, 0.5: E = 2.0, V = 0.16 + 0.25 + 0.16 + 0.25 = 0.82; one reoffended.
        ReoffendingStatistics s = ReoffendingStatistics.fromProbabilities(1, 0.2, 0.5, 0.8, 0.5);
        assertEquals(4, s.matured());
        assertEquals(2.0, s.expected(), 1e-15);
        assertEquals(0.82, s.variance(), 1e-15);
        assertEquals(0.25, s.actualRate());
        assertEquals(0.5, s.predictedRate(), 1e-15);
        assertEquals(-25.0, s.differencePoints(), 1e-12);
        assertEquals(0.5, s.observedOverExpected(), 1e-15);
        assertEquals(1.0, s.fewerReoffended(), 1e-15);
        assertEquals(-1.0 / Math.sqrt(0.82), s.z(), 1e-12); // -1.104315
        assertEquals(0.269456, s.pValue(), 5e-7); // 2 * Phi(-1.104315), R: 2 * pnorm(-1 / sqrt(0.82))
    }

    @Test
    void nobodyMaturedGivesNullsNotNaN() {
        ReoffendingStatistics s = ReoffendingStatistics.of(0, 0, 0.0, 0.0);
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
        ReoffendingStatistics s = ReoffendingStatistics.of(1, 5, 0.0, 0.0);
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
        assertThrows(IllegalArgumentException.class, () -> ReoffendingStatistics.of(6, 5, 2.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> ReoffendingStatistics.of(1, 5, 6.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> ReoffendingStatistics.of(1, 5, -0.1, 0.0));
        assertThrows(IllegalArgumentException.class, () -> ReoffendingStatistics.of(1, 5, 2.0, Double.NaN));
        // V > E cannot come from p_i (1 - p_i): most likely E and V were swapped.
        assertThrows(IllegalArgumentException.class, () -> ReoffendingStatistics.of(1, 5, 1.0, 1.2));
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
            s.fewerReoffended(), s.z(), s.pValue(), s.actualRateCi95().lower(), s.actualRateCi95().upper()}) {
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
