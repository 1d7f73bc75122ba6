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
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ete.analysis.stats.FunnelPlot.Centre;
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

    // ---------------------------------------------------------------- the reference computation

    /*
     * Every expected figure below comes from this independent numpy transcription of DOMAIN.md's steps 1-6 (groups
     * as (key, O, E, sum p^2); the V_g fallback and the k = 0 centre as FunnelPlot documents them):
     *
     *   import numpy as np
     *   def funnel(groups, left_out=(), centre="pooled"):
     *       est = [g for g in groups if g[2] > 0 and g[0] not in left_out]; k = len(est)
     *       th = 1.0 if centre == "one" else None if k == 0 else \
     *            max(sum(g[1] for g in est), 0.5) / sum(g[2] for g in est)
     *       t = 1.0 if th is None else th
     *       def s_(E, P2):
     *           V = t*E - t*t*P2
     *           if V <= 1e-9*t*E: V = t*E
     *           return np.sqrt(V) / (t*E)
     *       phi = None; tau2 = 0.0
     *       if k:
     *           s = np.array([s_(g[2], g[3]) for g in est])
     *           z = np.array([np.log(max(g[1], 0.5) / (t*g[2])) for g in est]) / s
     *           lo, hi = np.quantile(z, [0.1, 0.9]); phi = np.mean(np.clip(z, lo, hi)**2)
     *           if k >= 10:
     *               w = 1/s**2; tau2 = max(0, (k*phi - (k-1)) / (w.sum() - (w**2).sum()/w.sum()))
     *       pts = {}
     *       for key, O, E, P2 in groups:
     *           if E <= 0: continue
     *           s = s_(E, P2); se = np.sqrt(s*s + tau2); r = O/E
     *           l95, u95, l998, u998 = (t*np.exp(-1.96*se), t*np.exp(1.96*se), t*np.exp(-3.09*se),
     *                                   t*np.exp(3.09*se))
     *           det = np.exp(1.96*se + 0.8416*s)
     *           st = 'alarm' if r > u998 else 'alert' if r > u95 else 'better' if r < l95 else 'ok'
     *           pts[key] = (r, s, l95, u95, l998, u998, det, st)
     *       return th, phi, tau2, k, pts
     */

    /** Asserts a point against the reference's (ratio, s, lower95, upper95, lower998, upper998, detectable). */
    private static void assertPoint(Point p, Status status, double... expected) {
        double[] actual = {p.ratio(), p.standardError(), p.lower95(), p.upper95(), p.lower998(), p.upper998(),
            p.detectableRatio()};
        assertArrayEquals(expected, actual, 1e-9, p::toString);
        assertEquals(status, p.status(), p::toString);
    }

    // ---------------------------------------------------------------- twelve teams: tau^2 estimated

    private static final List<Group> TWELVE_TEAMS = List.of(
            new Group("A", 30, 30.0, 10.5),
            new Group("B", 24, 25.0, 8.0),
            new Group("C", 41, 40.0, 15.0),
            new Group("D", 0, 2.5, 0.9), // nobody reoffended: z uses 0.5 for O
            new Group("E", 36, 35.0, 12.0),
            new Group("F", 90, 30.0, 11.0), // three times the prediction
            new Group("G", 21, 22.0, 7.5),
            new Group("H", 28, 50.0, 18.0), // a little over half
            new Group("I", 40, 28.0, 9.8),
            new Group("J", 19, 24.0, 8.4),
            new Group("K", 45, 38.0, 13.3),
            new Group("L", 15, 18.0, 6.1));

    @Test
    void twelveTeamsAgainstTheirPooledCentre() {
        Result result = FunnelPlot.compute(TWELVE_TEAMS);
        // funnel(T): theta0 = 389 / 342.5.
        assertEquals(Centre.POOLED, result.centre());
        assertEquals(389.0 / 342.5, result.theta0(), 1e-15);
        assertEquals(1.1357664233576643, result.theta0(), 1e-12);
        assertEquals(3.80972928632268, result.phi(), 1e-9);
        assertEquals(0.05934812775784862, result.tau2(), 1e-9);
        assertEquals(12, result.k());
        assertTrue(result.notAssessed().isEmpty());
        Map<String, Point> byKey = byKey(result);
        assertPoint(byKey.get("F"), Status.ALARM, 3.0, 0.1308683891382313, 0.6605306532993116,
                1.9529227931865998, 0.4832589975236984, 2.669304399993924, 1.9196795461772536);
        assertPoint(byKey.get("H"), Status.BETTER, 0.56, 0.10202575409530013, 0.6768130951083053,
                1.905940322003134, 0.5021725663305874, 2.5687690943623918, 1.8285671515579827);
        assertPoint(byKey.get("D"), Status.BETTER, 0.0, 0.45627304322553724, 0.4121058127190641,
                3.130179989249608, 0.22970670800064452, 5.615706130893842, 4.046216369552655);
        // I: 40 / 28 = 1.43 is well above the prediction but within its peers' 95% limits.
        assertPoint(byKey.get("I"), Status.OK, 1.4285714285714286, 0.1376411904886517, 0.6563123405104286,
                1.9654748033892313, 0.47840245504563117, 2.696402066547968, 1.9430618193949616);
        assertPoint(byKey.get("L"), Status.OK, 0.8333333333333334, 0.1734573011894736, 0.6320128284533372,
                2.0410430142430283, 0.45077773316692354, 2.86164394005013, 2.0795155074134035);
        for (String ok : List.of("A", "B", "C", "E", "G", "J", "K")) {
            assertEquals(Status.OK, byKey.get(ok).status(), ok);
        }
        assertEquals(List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"),
                result.points().stream().map(Point::key).toList(), "input order kept");
    }

    @Test
    void twelveTeamsAgainstOgrs3sOwnLevel() {
        Result result = FunnelPlot.compute(TWELVE_TEAMS, Set.of(), Centre.ONE);
        // funnel(T, centre="one")
        assertEquals(Centre.ONE, result.centre());
        assertEquals(1.0, result.theta0());
        assertEquals(2.7387021033927614, result.phi(), 1e-9);
        assertEquals(0.04583124757396486, result.tau2(), 1e-9);
        assertEquals(12, result.k());
        Map<String, Point> byKey = byKey(result);
        // With theta0 = 1, s_g = sqrt(E - sum p^2) / E: for C, sqrt(25) / 40 = 0.125.
        assertPoint(byKey.get("C"), Status.OK, 1.025, 0.125, 0.615148692327893, 1.6256232232498502,
                0.4648583923654211, 2.1511927426146342, 1.8059581180110977);
        assertPoint(byKey.get("F"), Status.ALARM, 3.0, 0.1452966314513558, 0.6022304257347518,
                1.6604939858027747, 0.44956153315200825, 2.2243896024393046, 1.8764783178155153);
        assertPoint(byKey.get("H"), Status.BETTER, 0.56, 0.1131370849898476, 0.6221386838198641,
                1.6073586581372956, 0.4732132221187326, 2.11321229682186, 1.7679283148297167);
        assertPoint(byKey.get("I"), Status.OK, 1.4285714285714286, 0.15236235005501103, 0.5974888069811984,
                1.6736715203963104, 0.44399393888977606, 2.2522829985033996, 1.9026504394581276);
    }

    /** Disclosure control leaves suppressed groups out: theta0, phi, tau2 and k must not depend on them at all. */
    @Test
    void aLeftOutGroupTakesNoPartInTheParametersButIsJudgedAgainstThem() {
        List<Group> withSmall = new ArrayList<>(TWELVE_TEAMS);
        withSmall.add(new Group("S", 9, 3.0, 1.2));
        Result alone = FunnelPlot.compute(TWELVE_TEAMS);
        Result result = FunnelPlot.compute(withSmall, Set.of("S"), Centre.POOLED);
        assertEquals(alone.theta0(), result.theta0());
        assertEquals(alone.phi(), result.phi());
        assertEquals(alone.tau2(), result.tau2());
        assertEquals(12, result.k());
        assertEquals(alone.points(), result.points().subList(0, 12), "every shown group's point is unchanged");
        // funnel(T + [('S', 9, 3.0, 1.2)], left_out={'S'}): S against the twelve's theta0 and tau2.
        assertPoint(byKey(result).get("S"), Status.ALERT, 3.0, 0.4001927556131472, 0.45340320077986185,
                2.8450733612111625, 0.26703095658150205, 4.830770877431745, 3.508130906823915);

        // Not left out, S moves everything: funnel(T + [('S', 9, 3.0, 1.2)]).
        Result included = FunnelPlot.compute(withSmall);
        assertEquals(13, included.k());
        assertEquals(398.0 / 345.5, included.theta0(), 1e-15);
        assertEquals(4.238150378618723, included.phi(), 1e-9);
        assertEquals(0.07112005800700846, included.tau2(), 1e-9);
    }

    @Test
    void leftOutGroupsMayBeAnyNumberAndTheirFiguresDoNotMatter() {
        Result alone = FunnelPlot.compute(TWELVE_TEAMS);
        for (long hiddenObserved : new long[] {0, 3, 9}) {
            List<Group> all = new ArrayList<>(TWELVE_TEAMS);
            all.add(new Group("small", hiddenObserved, 2.5 + hiddenObserved / 10.0, 0.8));
            all.add(new Group("tiny", 1, 0.4, 0.1));
            Result result = FunnelPlot.compute(all, Set.of("small", "tiny"), Centre.POOLED);
            assertEquals(alone.theta0(), result.theta0());
            assertEquals(alone.phi(), result.phi());
            assertEquals(alone.tau2(), result.tau2());
            assertEquals(alone.k(), result.k());
            assertEquals(14, result.points().size());
        }
    }

    // ---------------------------------------------------------------- six areas: too few for tau^2

    private static final List<Group> SIX_AREAS = List.of(
            new Group("a", 60, 40.0, 14.0),
            new Group("b", 20, 35.0, 12.0),
            new Group("c", 50, 45.0, 16.0),
            new Group("d", 30, 30.0, 10.0),
            new Group("e", 52, 38.0, 13.0),
            new Group("f", 25, 32.0, 11.0));

    @Test
    void sixOverDispersedAreasStillGetNoAllowance() {
        Result pooled = FunnelPlot.compute(SIX_AREAS);
        // funnel(S): phi = 4.74 is far above 1, but k = 6 < 10, so tau2 = 0.
        assertEquals(237.0 / 220.0, pooled.theta0(), 1e-15);
        assertEquals(4.739826204553481, pooled.phi(), 1e-9);
        assertEquals(0.0, pooled.tau2(), 0);
        assertEquals(6, pooled.k());
        Map<String, Point> p = byKey(pooled);
        assertPoint(p.get("a"), Status.ALERT, 1.5, 0.12023623020891962, 0.8510959420265864, 1.363555471974472,
                0.7429716756721761, 1.5619929627541802, 1.400534322243377);
        assertPoint(p.get("b"), Status.BETTER, 0.5714285714285714, 0.12932935799035952, 0.8360616313716424,
                1.3880753348550123, 0.7223863868411824, 1.606503873917493, 1.4366717149760142);
        assertPoint(p.get("e"), Status.OK, 1.368421052631579, 0.12419898921490952, 0.8445110787775171,
                1.3741874536513372, 0.7339295162460048, 1.5812370305824137, 1.4161697785421734);
        assertPoint(p.get("f"), Status.BETTER, 0.78125, 0.13515269630519916, 0.8265732904471175,
                1.4040092298383646, 0.7095039346011572, 1.6356731405273974, 1.4603027744329684);
        assertEquals(Status.OK, p.get("c").status());
        assertEquals(Status.OK, p.get("d").status());
        // tau2 = 0, so the detectable ratio is exp((1.96 + 0.8416) s_g).
        assertEquals(Math.exp((1.96 + 0.8416) * p.get("d").standardError()), p.get("d").detectableRatio(), 1e-12);
    }

    @Test
    void theCentreDecidesWhoIsFlagged() {
        Map<String, Point> one = byKey(FunnelPlot.compute(SIX_AREAS, Set.of(), Centre.ONE));
        // funnel(S, centre="one"): against OGRS3's level the service's 8% excess turns a into an alarm, e into an
        // alert, and f (22% below prediction, but in line with peers who are 8% above it) into ok.
        assertPoint(one.get("a"), Status.ALARM, 1.5, 0.1274754878398196, 0.7789160882601174, 1.2838353387124444,
                0.6744219958266499, 1.482751164979849, 1.4292292696938993);
        assertPoint(one.get("e"), Status.ALERT, 1.368421052631579, 0.13157894736842105, 0.7726765622012902,
                1.2942025796034042, 0.6659245205522963, 1.5016716897143723, 1.4457548590165856);
        assertPoint(one.get("f"), Status.OK, 0.78125, 0.14320549046737, 0.7552678976728926, 1.3240335026566974,
                0.6424251509697337, 1.5566015721683857, 1.4936226862356732);
        assertEquals(Status.BETTER, one.get("b").status());
    }

    // ---------------------------------------------------------------- edge cases

    @Test
    void noGroupsOrNoExpectedGivesNoPointsAndNoParameters() {
        Result empty = FunnelPlot.compute(List.of());
        assertEquals(0, empty.k());
        assertNull(empty.theta0());
        assertNull(empty.phi());
        assertEquals(0.0, empty.tau2());
        assertTrue(empty.points().isEmpty());

        Result allZero = FunnelPlot.compute(List.of(new Group("A", 0, 0.0, 0.0), new Group("B", 1, 0.0, 0.0)));
        assertEquals(0, allZero.k());
        assertTrue(allZero.points().isEmpty());
        assertEquals(List.of("A", "B"), allZero.notAssessed());
        assertNull(allZero.theta0());
        assertNull(allZero.phi());
        assertEquals(0.0, allZero.tau2());

        assertEquals(1.0, FunnelPlot.compute(List.of(), Set.of(), Centre.ONE).theta0(), "one is 1 even with k = 0");
    }

    @Test
    void withEveryGroupLeftOutThePointsAreJudgedAgainstOne() {
        Result result = FunnelPlot.compute(List.of(new Group("a", 2, 3.0, 1.0)), Set.of("a"), Centre.POOLED);
        assertEquals(0, result.k());
        assertNull(result.theta0(), "no pooled centre is published when there is nothing to pool");
        assertNull(result.phi());
        assertEquals(0.0, result.tau2());
        // funnel([('a', 2, 3.0, 1.0)], left_out={'a'}): s = sqrt(3 - 1) / 3, limits around 1.
        assertPoint(result.points().get(0), Status.OK, 0.6666666666666666, 0.47140452079103173,
                0.39694686016197017, 2.519228895253032, 0.23301790817627874, 4.291515651421508, 3.7459936371481652);
    }

    @Test
    void oneGroupHasPhiButNoAllowance() {
        // k = 1 (Z has E = 0): theta0 = 50 / 25 = 2, so the group sits exactly on its own centre: z = 0, phi = 0.
        Result result = FunnelPlot.compute(List.of(new Group("A", 50, 25.0, 5.0), new Group("Z", 3, 0.0, 0.0)));
        assertEquals(1, result.k());
        assertEquals(2.0, result.theta0(), 1e-15);
        assertEquals(0.0, result.phi(), 1e-15);
        assertEquals(0.0, result.tau2());
        Point a = result.points().get(0);
        // s = sqrt(2 * 25 - 4 * 5) / (2 * 25) = sqrt(30) / 50.
        assertEquals(Math.sqrt(30) / 50, a.standardError(), 1e-15);
        assertEquals(2.0 * Math.exp(1.96 * Math.sqrt(30) / 50), a.upper95(), 1e-12);
        assertEquals(Status.OK, a.status());
        assertEquals(List.of("Z"), result.notAssessed());
    }

    @Test
    void nobodyReoffendedAnywhereUsesHalfAPersonForThePooledCentre() {
        Result result = FunnelPlot.compute(List.of(new Group("a", 0, 4.0, 1.0), new Group("b", 0, 6.0, 2.0)));
        // theta0 = 0.5 / 10, not 0 (which would make every s_g infinite). funnel([...]) as above.
        assertEquals(0.05, result.theta0(), 1e-15);
        assertEquals(0.12330053194381412, result.phi(), 1e-9);
        assertPoint(result.points().get(0), Status.BETTER, 0.0, 2.222048604328897, 0.0006419837680285127,
                3.894179455155581, 5.212517810699999e-05, 47.96146681490707, 505.3702706859373);
        assertPoint(result.points().get(1), Status.BETTER, 0.0, 1.8104634152000358, 0.0014383760176141238,
                1.7380712479806382, 0.00018594414472585856, 13.444897679815647, 159.52398770063522);
    }

    @Test
    void aNonPositiveBinomialVarianceFallsBackToThePoissonOne() {
        // "hi": ten people at p = 0.9 (E = 9, sum p^2 = 8.1), all reoffended; theta0 = 40 / 29, so theta0 p = 1.24 > 1
        // and V = theta0 9 - theta0^2 8.1 = -2.996 < 0: s falls back to 1 / sqrt(theta0 9).
        Result result = FunnelPlot.compute(List.of(new Group("hi", 10, 9.0, 8.1), new Group("x", 30, 20.0, 5.0)));
        double theta0 = 40.0 / 29.0;
        assertEquals(theta0, result.theta0(), 1e-15);
        Point hi = result.points().get(0);
        assertEquals(1.0 / Math.sqrt(theta0 * 9.0), hi.standardError(), 1e-15);
        // funnel([('hi', 10, 9.0, 8.1), ('x', 30, 20.0, 5.0)])
        assertPoint(hi, Status.OK, 1.1111111111111112, 0.2838231060987733, 0.7908004142682342, 2.4057865841014605,
                0.5738255930360291, 3.3154621376898783, 2.2147927090668054);
        assertPoint(result.points().get(1), Status.OK, 1.5, 0.1541103500742244, 1.0197192435459177,
                1.8657067024966132, 0.856742940945002, 2.220615935568618, 1.539958636682815);
        assertEquals(0.28478092308221215, result.phi(), 1e-9);
    }

    @Test
    void certainOutcomesFallBackToThePoissonVarianceToo() {
        // Everybody at p = 1 and theta0 = 1: V = E - sum p^2 = 0, so s = 1 / sqrt(E) rather than 0 (infinite z).
        Result result = FunnelPlot.compute(List.of(new Group("c", 8, 10.0, 10.0)), Set.of(), Centre.ONE);
        Point c = result.points().get(0);
        assertEquals(1.0 / Math.sqrt(10.0), c.standardError(), 1e-15);
        assertEquals(Math.pow(Math.log(0.8) * Math.sqrt(10.0), 2), result.phi(), 1e-12);
    }

    @Test
    void groupsTooSmallForADoubleGetNoPoint() {
        // "tiny": E = 1e-6, s = 1000, exp(3.09 * 1000) overflows: no point, though its finite z counts in phi and k.
        // "sub": E below 1e-12, treated as E = 0.
        Result result = FunnelPlot.compute(List.of(new Group("big", 20, 20.0, 6.0),
                new Group("tiny", 0, 1e-6, 1e-12), new Group("sub", 1, 1e-13, 0.0)), Set.of(), Centre.ONE);
        assertEquals(List.of("big"), result.points().stream().map(Point::key).toList());
        assertEquals(List.of("tiny", "sub"), result.notAssessed());
        assertEquals(2, result.k());
        // funnel([('big', 20, 20.0, 6.0), ('tiny', 0, 1e-6, 1e-12)], centre="one")
        assertEquals(7.060060305014641e-05, result.phi(), 1e-12);
        assertPoint(result.points().get(0), Status.OK, 1.0, 0.18708286933869706, 0.693029699767053,
                1.4429396032177675, 0.5609710010903322, 1.7826233407009426, 1.688991097158586);
    }

    @Test
    void rejectsBadGroups() {
        assertThrows(IllegalArgumentException.class, () -> new Group("A", -1, 2.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new Group("A", 1, Double.NaN, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new Group("A", 1, -2.0, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new Group("A", 1, 2.0, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new Group("A", 1, 2.0, Double.POSITIVE_INFINITY));
        // sum p^2 > sum p is impossible for probabilities (most likely sum p^2 and sum p were swapped).
        assertThrows(IllegalArgumentException.class, () -> new Group("A", 1, 2.0, 2.1));
        new Group("A", 1, 2.0, 2.0 + 1e-12); // rounding in the sums is not an error
        assertThrows(IllegalArgumentException.class, () -> FunnelPlot.compute(
                List.of(new Group("A", 1, 2.0, 1.0), new Group("A", 2, 3.0, 1.0))));
    }

    @Test
    void labelsAreTheApiValues() {
        assertEquals(List.of("alarm", "alert", "better", "ok"),
                Arrays.stream(Status.values()).map(Status::label).toList());
        assertEquals(List.of("pooled", "one"), Arrays.stream(Centre.values()).map(Centre::label).toList());
        assertEquals(Centre.POOLED, Centre.fromWire("pooled"));
        assertEquals(Centre.ONE, Centre.fromWire("one"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Centre.fromWire("ONE"));
        assertTrue(e.getMessage().contains("pooled") && e.getMessage().contains("one"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Centre.fromWire(null));
    }

    // ---------------------------------------------------------------- properties

    @ParameterizedTest(name = "[{index}] scale {1}, observed {0}")
    @MethodSource("observedAndScales")
    void limitsNestAroundTheCentreAndStatusFollowsThem(List<Integer> observed, double expectedScale) {
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < observed.size(); i++) {
            // Vary E and the mean prediction across groups so the funnel has a shape.
            double expected = expectedScale * (1 + i % 7);
            groups.add(new Group("g" + i, observed.get(i), expected, expected * (0.05 + 0.1 * (i % 9))));
        }
        for (Centre centre : Centre.values()) {
            Result result = FunnelPlot.compute(groups, Set.of(), centre);
            assertTrue(result.tau2() >= 0 && Double.isFinite(result.tau2()));
            assertTrue(result.phi() >= 0 && Double.isFinite(result.phi()));
            double theta0 = result.theta0();
            assertTrue(theta0 > 0 && Double.isFinite(theta0));
            if (result.k() < 10) {
                assertEquals(0.0, result.tau2());
            }
            for (Point p : result.points()) {
                double[] figures = {p.ratio(), p.standardError(), p.lower95(), p.upper95(), p.lower998(),
                    p.upper998(), p.detectableRatio()};
                assertTrue(Arrays.stream(figures).allMatch(Double::isFinite), p::toString);
                assertTrue(p.lower998() <= p.lower95() && p.lower95() < theta0
                        && theta0 < p.upper95() && p.upper95() < p.upper998(), p::toString);
                // symmetric around theta0 on the log scale
                assertEquals(1.0, p.lower95() * p.upper95() / (theta0 * theta0), 1e-9);
                // flagged with 80% power means beyond the upper 95% limit (relative to theta0)
                assertTrue(p.detectableRatio() > p.upper95() / theta0, p::toString);
                Status expected = p.ratio() > p.upper998() ? Status.ALARM
                        : p.ratio() > p.upper95() ? Status.ALERT
                        : p.ratio() < p.lower95() ? Status.BETTER
                        : Status.OK;
                assertEquals(expected, p.status());
            }
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

    private static Map<String, Point> byKey(Result result) {
        return result.points().stream().collect(Collectors.toMap(Point::key, Function.identity()));
    }
}
