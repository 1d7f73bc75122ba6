package org.ete.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ete.analysis.stats.FunnelPlot.Group;
import org.ete.analysis.stats.FunnelPlot.Point;
import org.ete.analysis.stats.FunnelPlot.Result;
import org.ete.analysis.stats.FunnelPlot.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FunnelPlotTest {

    // ---------------------------------------------------------------- type-7 quantile

    /** Values numpy.quantile (default method 'linear') and R quantile(type = 7) return. */
    @ParameterizedTest(name = "q={0} -> {1}")
    @CsvSource({
        "0.0, 1.0",
        "0.1, 1.4",  // h = 4 * 0.1 = 0.4: 1 + 0.4 * (2 - 1)
        "0.25, 2.0", // h = 1
        "0.5, 3.0",
        "0.9, 7.6",  // h = 3.6: 4 + 0.6 * (10 - 4)
        "1.0, 10.0",
    })
    void quantileType7MatchesNumpy(double q, double expected) {
        double[] values = {10, 1, 4, 2, 3}; // unsorted on purpose
        assertEquals(expected, FunnelPlot.quantileType7(values, q), 1e-12);
        assertArrayEquals(new double[] {10, 1, 4, 2, 3}, values, "input must not be reordered");
    }

    @Test
    void quantileType7OnFourAndOneValues() {
        assertEquals(1.75, FunnelPlot.quantileType7(new double[] {3, 1, 2, 5}, 0.25), 1e-12); // h = 0.75
        assertEquals(3.8, FunnelPlot.quantileType7(new double[] {3, 1, 2, 5}, 0.8), 1e-12); // h = 2.4: 3 + 0.4 * (5 - 3)
        assertEquals(-2.5, FunnelPlot.quantileType7(new double[] {-2.5}, 0.1), 0);
    }

    @ParameterizedTest(name = "[{index}] q={1} of {0}")
    @MethodSource("valuesAndQuantiles")
    void quantileType7AgreesWithAPlainTranscription(List<Double> values, double q) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double expected = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
        double[] input = values.stream().mapToDouble(Double::doubleValue).toArray();
        assertEquals(expected, FunnelPlot.quantileType7(input, q), 1e-9);
    }

    /**
     * 1..40 values in [-50, 50] and q in [0, 1]: edge cases (one value, all equal, the range's ends, q at 0, 1
     * and the plotting quantiles), then 200 seeded random cases mixing full-precision and two-decimal values.
     */
    static Stream<Arguments> valuesAndQuantiles() {
        List<Arguments> cases = new ArrayList<>();
        List<List<Double>> edgeLists = List.of(
                List.of(-50.0), List.of(0.0), List.of(50.0),
                List.of(-50.0, 50.0), List.of(50.0, -50.0), List.of(0.0, 0.0),
                Collections.nCopies(40, -50.0), Collections.nCopies(40, 50.0), Collections.nCopies(40, 0.0));
        for (List<Double> list : edgeLists) {
            for (double q : new double[] {0.0, 0.01, 0.1, 0.5, 0.9, 0.99, 1.0}) {
                cases.add(Arguments.of(list, q));
            }
        }
        Random random = new Random(0x5155_414E_5437L);
        for (int c = 0; c < 200; c++) {
            int size = random.nextInt(1, 41);
            List<Double> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(c % 2 == 0 ? random.nextDouble(-50.0, 50.0) : random.nextInt(-5000, 5001) / 100.0);
            }
            double q = switch (c % 5) {
                case 0 -> 0.0;
                case 1 -> 1.0;
                case 2 -> random.nextInt(0, 101) / 100.0;
                default -> random.nextDouble();
            };
            cases.add(Arguments.of(values, q));
        }
        return cases.stream();
    }

    // ---------------------------------------------------------------- eight teams, by hand

    private static List<Group> eightTeams(long observedF) {
        return List.of(
                new Group("A", 30, 30.0),
                new Group("B", 24, 25.0),
                new Group("C", 41, 40.0),
                new Group("D", 0, 2.5), // no reoffences: the log uses 0.5 instead of 0
                new Group("E", 36, 35.0),
                new Group("F", observedF, 30.0),
                new Group("G", 21, 22.0),
                new Group("H", 28, 50.0));
    }

    /** z = ln(max(O, 0.5) / E) / sqrt(1 / E), written out. */
    private static double z(double o, double e) {
        return Math.log(Math.max(o, 0.5) / e) / Math.sqrt(1.0 / e);
    }

    @Test
    void eightTeamsStepByStep() {
        double zA = z(30, 30.0); // 0
        double zB = z(24, 25.0); // -0.204110
        double zC = z(41, 40.0); // 0.156170
        double zD = z(0.5, 2.5); // -2.544745
        double zE = z(36, 35.0); // 0.166661
        double zF = z(90, 30.0); // 6.017347
        double zG = z(21, 22.0); // -0.218198
        double zH = z(28, 50.0); // -4.099936

        // Sorted: H < D < G < B < A < C < E < F (k = 8).
        // 10th percentile: h = 7 * 0.1 = 0.7, between 1st (H) and 2nd (D).
        double q10 = zH + 0.7 * (zD - zH);
        // 90th percentile: h = 7 * 0.9 = 6.3, between 7th (E) and 8th (F).
        double q90 = zE + 0.3 * (zF - zE);
        assertEquals(-3.011302114124, q10, 1e-11); // numpy.quantile(z, 0.1)
        assertEquals(1.921867006354, q90, 1e-11); // numpy.quantile(z, 0.9)

        // Only H (below q10) and F (above q90) are pulled in.
        double phi = (q10 * q10 + zD * zD + zG * zG + zB * zB + zA * zA + zC * zC + zE * zE + q90 * q90) / 8;
        assertEquals(2.422334435598, phi, 1e-11);

        double sumW = 30 + 25 + 40 + 2.5 + 35 + 30 + 22 + 50; // 234.5
        double sumW2 = 900 + 625 + 1600 + 6.25 + 1225 + 900 + 484 + 2500; // 8240.25
        double tau2 = (8 * phi - 7) / (sumW - sumW2 / sumW);
        assertEquals(0.062091965801, tau2, 1e-11);

        Result result = FunnelPlot.compute(eightTeams(90));
        assertEquals(8, result.k());
        assertEquals(phi, result.phi(), 1e-12);
        assertEquals(tau2, result.tau2(), 1e-12);
        assertTrue(result.notAssessed().isEmpty());

        Map<String, Point> byKey = byKey(result);

        // F: O/E = 3.0 against exp(3.09 * sqrt(1/30 + tau2)) = 2.597453: alarm.
        Point f = byKey.get("F");
        double seF = Math.sqrt(1.0 / 30 + tau2);
        assertEquals(3.0, f.ratio(), 1e-15);
        assertEquals(Math.exp(3.09 * seF), f.upper998(), 1e-12);
        assertEquals(2.5974532741, f.upper998(), 1e-9);
        assertEquals(1.8321008571, f.upper95(), 1e-9);
        assertEquals(0.5458214793, f.lower95(), 1e-9);
        assertEquals(0.3849924886, f.lower998(), 1e-9);
        assertEquals(Status.ALARM, f.status());

        // H: 28 / 50 = 0.56 below exp(-1.96 * sqrt(1/50 + tau2)) = 0.570311: better.
        Point h = byKey.get("H");
        assertEquals(0.56, h.ratio(), 1e-15);
        assertEquals(0.5703111255, h.lower95(), 1e-9);
        assertEquals(Status.BETTER, h.status());

        // D: none reoffended, ratio 0, below 0.263855: better.
        Point d = byKey.get("D");
        assertEquals(0.0, d.ratio());
        assertEquals(0.2638548878, d.lower95(), 1e-9);
        assertEquals(Status.BETTER, d.status());

        for (String ok : List.of("A", "B", "C", "E", "G")) {
            assertEquals(Status.OK, byKey.get(ok).status(), ok);
        }
        assertEquals(List.of("A", "B", "C", "D", "E", "F", "G", "H"),
                result.points().stream().map(Point::key).toList(), "input order kept");
    }

    @Test
    void sameTeamsWithAMilderOutlierRaiseOnlyAnAlert() {
        // F = 75: q90 = 1.622282, phi = 2.289613, tau2 = 0.056766 (numpy); limits for E = 30:
        // upper95 = 1.800969, upper998 = 2.528211, and 75 / 30 = 2.5 lies between them.
        Result result = FunnelPlot.compute(eightTeams(75));
        assertEquals(2.289612745724, result.phi(), 1e-11);
        assertEquals(0.056766064406, result.tau2(), 1e-11);
        Point f = byKey(result).get("F");
        assertEquals(1.8009685611, f.upper95(), 1e-9);
        assertEquals(2.5282105427, f.upper998(), 1e-9);
        assertEquals(Status.ALERT, f.status());
        assertEquals(Status.BETTER, byKey(result).get("H").status());
    }

    @Test
    void underdispersedTeamsGetNoAllowance() {
        // Every team exactly as predicted: z = 0, phi = 0, k phi - (k - 1) < 0, so tau2 = 0.
        Result result = FunnelPlot.compute(List.of(
                new Group("A", 10, 10.0), new Group("B", 20, 20.0), new Group("C", 40, 40.0)));
        assertEquals(0.0, result.phi(), 0);
        assertEquals(0.0, result.tau2(), 0);
        Point a = result.points().get(0);
        assertEquals(Math.exp(1.96 * Math.sqrt(0.1)), a.upper95(), 1e-12); // 1.858996
        assertEquals(Math.exp(-3.09 * Math.sqrt(0.1)), a.lower998(), 1e-12);
        assertEquals(Status.OK, a.status());
    }

    @Test
    void noGroupsOrNoExpectedGivesNoPointsAndNoAllowance() {
        Result empty = FunnelPlot.compute(List.of());
        assertEquals(0, empty.k());
        assertNull(empty.phi());
        assertEquals(0.0, empty.tau2());

        Result allZero = FunnelPlot.compute(List.of(new Group("A", 0, 0.0), new Group("B", 1, 0.0)));
        assertEquals(0, allZero.k());
        assertTrue(allZero.points().isEmpty());
        assertEquals(List.of("A", "B"), allZero.notAssessed());
        assertNull(allZero.phi());
        assertEquals(0.0, allZero.tau2());
    }

    @Test
    void oneGroupHasPoissonLimitsOnly() {
        // k = 1: phi = z^2 = (ln(2) * sqrt(25))^2 = 12.011325, but tau2 = 0.
        Result result = FunnelPlot.compute(List.of(new Group("A", 50, 25.0), new Group("Z", 3, 0.0)));
        assertEquals(1, result.k());
        assertEquals(Math.pow(Math.log(2) * 5, 2), result.phi(), 1e-12);
        assertEquals(0.0, result.tau2());
        Point a = result.points().get(0);
        assertEquals(Math.exp(3.09 * 0.2), a.upper998(), 1e-12); // 1.855277 < 2.0
        assertEquals(Status.ALARM, a.status());
        assertEquals(List.of("Z"), result.notAssessed());
    }

    @Test
    void rejectsBadGroups() {
        assertThrows(IllegalArgumentException.class, () -> new Group("A", -1, 2.0));
        assertThrows(IllegalArgumentException.class, () -> new Group("A", 1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Group("A", 1, -2.0));
        assertThrows(IllegalArgumentException.class,
                () -> FunnelPlot.compute(List.of(new Group("A", 1, 2.0), new Group("A", 2, 3.0))));
    }

    @Test
    void statusLabelsAreTheApiValues() {
        assertEquals(List.of("alarm", "alert", "better", "ok"),
                Arrays.stream(Status.values()).map(Status::label).toList());
    }

    // ---------------------------------------------------------------- properties

    @ParameterizedTest(name = "[{index}] scale {1}, observed {0}")
    @MethodSource("observedAndScales")
    void limitsNestAroundOneAndStatusFollowsThem(List<Integer> observed, double expectedScale) {
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < observed.size(); i++) {
            // Vary E across groups so the funnel has a shape.
            groups.add(new Group("g" + i, observed.get(i), expectedScale * (1 + i % 7)));
        }
        Result result = FunnelPlot.compute(groups);
        assertTrue(result.tau2() >= 0);
        assertTrue(result.phi() >= 0);
        for (Point p : result.points()) {
            assertTrue(p.lower998() < p.lower95() && p.lower95() < 1.0
                    && 1.0 < p.upper95() && p.upper95() < p.upper998(), p::toString);
            assertEquals(p.lower95() * p.upper95(), 1.0, 1e-9); // symmetric on the log scale
            Status expected = p.ratio() > p.upper998() ? Status.ALARM
                    : p.ratio() > p.upper95() ? Status.ALERT
                    : p.ratio() < p.lower95() ? Status.BETTER
                    : Status.OK;
            assertEquals(expected, p.status());
        }
    }

    /**
     * 1..30 observed counts in [0, 400] and an expected scale in [0.5, 300]: edge cases (one group, all zero,
     * all at the maximum, the scale's ends), then 200 seeded random cases.
     */
    static Stream<Arguments> observedAndScales() {
        List<Arguments> cases = new ArrayList<>();
        List<List<Integer>> edgeLists = List.of(
                List.of(0), List.of(1), List.of(400),
                List.of(0, 400), List.of(400, 0),
                Collections.nCopies(30, 0), Collections.nCopies(30, 1), Collections.nCopies(30, 400));
        for (List<Integer> list : edgeLists) {
            for (double scale : new double[] {0.5, 0.51, 1.0, 299.99, 300.0}) {
                cases.add(Arguments.of(list, scale));
            }
        }
        Random random = new Random(0x464E_4E4C_4C4CL);
        for (int c = 0; c < 200; c++) {
            int size = random.nextInt(1, 31);
            List<Integer> observed = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                observed.add(random.nextInt(0, 401));
            }
            double scale = switch (c % 4) {
                case 0 -> random.nextInt(50, 30_001) / 100.0;
                case 1 -> random.nextDouble(0.5, 5.0); // small E: wide limits
                default -> random.nextDouble(0.5, 300.0);
            };
            cases.add(Arguments.of(observed, scale));
        }
        return cases.stream();
    }

    // ---------------------------------------------------------------- groups left out of the parameters

    /** Disclosure control leaves suppressed groups out: phi, tau2 and k must not depend on them at all. */
    @Test
    void groupsLeftOutTakeNoPartInPhiTau2OrKButStillGetAStatus() {
        List<Group> shown = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            shown.add(new Group("g" + i, 20 + 3 * i, 25.0 + i));
        }
        Result alone = FunnelPlot.compute(shown);
        for (long hiddenObserved : new long[] {0, 3, 9}) {
            List<Group> all = new ArrayList<>(shown);
            all.add(new Group("small", hiddenObserved, 2.5 + hiddenObserved / 10.0));
            Result result = FunnelPlot.compute(all, java.util.Set.of("small"));
            assertEquals(alone.phi(), result.phi(), "phi does not move with the left-out group's O and E");
            assertEquals(alone.tau2(), result.tau2());
            assertEquals(alone.k(), result.k());
            assertEquals(13, result.points().size(), "the left-out group still has a point");
            Point small = byKey(result).get("small");
            double se = Math.sqrt(1 / small.expected() + alone.tau2());
            assertEquals(Math.exp(1.96 * se), small.upper95(), 1e-12, "judged against the shown groups' tau2");
            assertEquals(byKey(alone).get("g3"), byKey(result).get("g3"), "a shown group's point is unchanged");
        }
    }

    @Test
    void withEveryGroupLeftOutThereAreNoParameters() {
        Result result = FunnelPlot.compute(List.of(new Group("a", 2, 3.0)), java.util.Set.of("a"));
        assertEquals(0, result.k());
        assertNull(result.phi());
        assertEquals(0.0, result.tau2());
        assertEquals(1, result.points().size());
    }

    private static Map<String, Point> byKey(Result result) {
        return result.points().stream().collect(Collectors.toMap(Point::key, Function.identity()));
    }
}
