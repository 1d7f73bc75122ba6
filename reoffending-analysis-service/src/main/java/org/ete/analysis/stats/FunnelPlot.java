package org.ete.analysis.stats;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.ete.contracts.WireValue;
import org.ete.contracts.WireValues;
import org.hipparchus.stat.descriptive.rank.Percentile;

/**
 * Funnel plot of observed over expected (O/E) against expected, per team, area or demographic group: indirectly
 * standardised ratios compared with their peers on the log scale, with an additive over-dispersion allowance
 * tau^2 estimated from winsorised z-scores (Spiegelhalter 2005, "Funnel plots for comparing institutional
 * performance"; DOMAIN.md, "Statistics the projections must return").
 *
 * <p>Each group brings O_g (people who reoffended), E_g = sum p_i and P_g = sum p_i^2 over its matured people.
 * The <em>estimating</em> groups are the assessed groups (E_g > 0) that are not left out (disclosure control leaves
 * the suppressed ones out); k is their number. The steps:
 * <ol>
 *   <li>theta0 = sum O / sum E over the estimating groups ({@link Centre#POOLED}: the service's own level), or 1
 *       ({@link Centre#ONE}: OGRS3's national level);</li>
 *   <li>V_g = sum theta0 p_i (1 - theta0 p_i) = theta0 E_g - theta0^2 P_g, the binomial variance of O_g if the
 *       group performed like its peers, and s_g = sqrt(V_g) / (theta0 E_g), the standard error of ln(O_g / E_g);</li>
 *   <li>z_g = ln(max(O_g, 0.5) / (theta0 E_g)) / s_g (0.5 stands in for O_g = 0 so the log is finite),
 *       winsorised at the 10th and 90th percentiles of the estimating groups' z (type-7 quantiles);
 *       phi = mean of the squared winsorised z;</li>
 *   <li>tau^2 = max(0, (k phi - (k - 1)) / (sum w - sum w^2 / sum w)), w_g = 1 / s_g^2, only when k >= 10
 *       ({@link #MIN_GROUPS_FOR_TAU2}); with fewer groups tau^2 = 0, since a handful of groups cannot estimate the
 *       spread between groups (two areas would otherwise absorb any difference between them);</li>
 *   <li>limits theta0 exp(+-c sqrt(s_g^2 + tau^2)) on the O/E scale at c = 1.96 (95%) and c = 3.09 (99.8%);
 *       status from O_g / E_g: {@code alarm} above the upper 99.8% limit, else {@code alert} above the upper 95%
 *       limit, else {@code better} below the lower 95% limit, else {@code ok};</li>
 *   <li>detectableRatio = exp(1.96 sqrt(s_g^2 + tau^2) + 0.8416 s_g).</li>
 * </ol>
 * The multipliers are the literals 1.96, 3.09 and 0.8416, as the domain specification states them, not exact
 * normal quantiles. Every group that is assessed gets a point, left out or not: a left-out group is judged against
 * the centre and tau^2 that the estimating groups set, so nothing published depends on it.
 *
 * <p>Edge cases, each decided so that no NaN or infinity reaches a result:
 * <ul>
 *   <li>E_g = 0 (or below {@link #MIN_ASSESSED_EXPECTED} = 1e-12, the smallest positive E the reoffending cubes
 *       can hold): no ratio, no limits; the group is listed in {@link Result#notAssessed()} and takes no part in
 *       theta0, phi, tau^2 or k.</li>
 *   <li>k = 0 (no groups, every E = 0, or every assessed group left out): phi = {@code null}, tau^2 = 0; under
 *       {@link Centre#POOLED} theta0 = {@code null} (there are no peers to pool) and the points, if any, are judged
 *       against theta0 = 1, OGRS3's own expectation, the only reference left; under {@link Centre#ONE} theta0 =
 *       1 as always.</li>
 *   <li>Nobody reoffended in the estimating groups (sum O = 0, pooled): theta0 = 0 would make every s_g infinite,
 *       so theta0 = 0.5 / sum E, the same stand-in for a zero count as in z; {@link Result#theta0()} reports the
 *       value used.</li>
 *   <li>V_g <= 0 (within rounding: V_g <= 1e-9 theta0 E_g): possible only when theta0 p_i > 1 for some of the
 *       group's people (theta0 > 1 and high predictions), where the binomial model breaks down, or when every p_i
 *       = 1 and theta0 = 1 (an outcome without chance). The group then falls back to the Poisson variance
 *       V_g = theta0 E_g (s_g = 1 / sqrt(theta0 E_g)), the plain indirectly-standardised-ratio funnel, which is
 *       wider than any binomial one: such a group is never flagged on a spuriously small variance.</li>
 *   <li>A group so small (theta0 E_g below about 2e-5, as from people with predictions of a few in a million)
 *       that its upper limit or detectable ratio exceeds the range of a double could never be flagged; it gets
 *       no point and is listed in {@link Result#notAssessed()}, although, if it was an estimating group, its
 *       (finite) z and weight were part of phi, tau^2 and k.</li>
 *   <li>k = 1: the winsorising quantiles of one value are that value, so phi = z_1^2; tau^2 = 0 (k < 10).</li>
 * </ul>
 */
public final class FunnelPlot {

    /** Multiplier for the 95% limits, as the domain specification gives it. */
    public static final double C_95 = 1.96;
    /** Multiplier for the 99.8% limits, as the domain specification gives it. */
    public static final double C_998 = 3.09;
    /** The standard normal's 80th percentile, as the domain specification gives it: 80% power in detectableRatio. */
    public static final double Z_POWER_80 = 0.8416;
    /** Fewest estimating groups from which tau^2 is estimated; with fewer, tau^2 = 0. */
    public static final int MIN_GROUPS_FOR_TAU2 = 10;
    /** Winsorising quantiles. */
    static final double LOWER_WINSOR_QUANTILE = 0.10;
    static final double UPPER_WINSOR_QUANTILE = 0.90;
    /** Stand-in for a zero count of reoffenders in a log (a group's O_g in z, the pooled sum O in theta0). */
    static final double ZERO_OBSERVED_SUBSTITUTE = 0.5;
    /**
     * Relative slack for sum p^2 <= sum p, so that rounding in summed probabilities is not an error; and the share
     * of theta0 E_g below which V_g is indistinguishable from 0 (V_g is a difference of two such sums).
     */
    private static final double SUM_TOLERANCE = 1e-9;
    /**
     * Smallest E_g that is assessed: the reoffending cubes sum probabilities in units of 1e-12, so no real group has
     * a smaller positive E. Below it, theta0 E_g could underflow and theta0 = sum O / sum E overflow.
     */
    public static final double MIN_ASSESSED_EXPECTED = 1e-12;

    private FunnelPlot() {
    }

    /** The funnel's centre theta0. {@link #label()} is the API's value of {@code centre}. */
    public enum Centre implements WireValue {
        /** theta0 = sum O / sum E over the estimating groups: each group against its peers. */
        POOLED("pooled"),
        /** theta0 = 1: each group against OGRS3's national expectation. */
        ONE("one");

        private final String label;

        Centre(String label) {
            this.label = label;
        }

        /** Lower-case name used in the API: {@code pooled} or {@code one}. */
        public String label() {
            return label;
        }

        @Override
        public String wire() {
            return label;
        }

        /**
         * The centre with this API value (exact, case-sensitive).
         *
         * @throws IllegalArgumentException naming the allowed values if there is none
         */
        public static Centre fromWire(String value) {
            return WireValues.require(Centre.class, value);
        }
    }

    /** Where a group sits against its control limits. {@link #label()} is the API's value. */
    public enum Status {
        /** Above the upper 99.8% limit. */
        ALARM("alarm"),
        /** Above the upper 95% limit, not above the upper 99.8% one. */
        ALERT("alert"),
        /** Below the lower 95% limit. */
        BETTER("better"),
        /** Within the 95% limits (inclusive). */
        OK("ok");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** Lower-case name used in API output: {@code alarm}, {@code alert}, {@code better} or {@code ok}. */
        public String label() {
            return label;
        }
    }

    /**
     * One group to plot.
     *
     * @param observed         O_g, matured people who reoffended
     * @param expected         E_g = sum of the matured people's predicted probabilities p_i
     * @param expectedSquares  sum of p_i^2 over the same people (sum p - sum p(1 - p)); at most E_g, as p^2 <= p
     */
    public record Group(String key, long observed, double expected, double expectedSquares) {
        public Group {
            Objects.requireNonNull(key, "key");
            if (observed < 0) {
                throw new IllegalArgumentException("observed must be >= 0, got " + observed + " for " + key);
            }
            if (!Double.isFinite(expected) || expected < 0) {
                throw new IllegalArgumentException(
                        "expected must be finite and >= 0, got " + expected + " for " + key);
            }
            if (!Double.isFinite(expectedSquares) || expectedSquares < 0) {
                throw new IllegalArgumentException(
                        "expectedSquares must be finite and >= 0, got " + expectedSquares + " for " + key);
            }
            if (expectedSquares > expected + SUM_TOLERANCE * Math.max(1.0, expected)) {
                throw new IllegalArgumentException("expectedSquares " + expectedSquares
                        + " exceeds expected " + expected + " for " + key + " (p^2 <= p for every p in [0, 1])");
            }
        }
    }

    /**
     * A plotted group. Every figure is finite.
     *
     * @param ratio            O / E, on the same scale as the limits (not divided by theta0)
     * @param standardError    s_g, the standard error of ln(O / E) under "performs like its peers", without tau^2
     * @param lower95          theta0 exp(-1.96 sqrt(s_g^2 + tau^2)); the other limits alike at 1.96 and 3.09
     * @param detectableRatio  exp(1.96 sqrt(s_g^2 + tau^2) + 0.8416 s_g): the true O/E, <em>relative to theta0</em>
     *                         (multiply by theta0 for the O/E scale), that the upper 95% limit flags with 80%
     *                         probability: what an {@code ok} cannot rule out for this group
     */
    public record Point(
            String key,
            long observed,
            double expected,
            double ratio,
            double standardError,
            double lower95,
            double upper95,
            double lower998,
            double upper998,
            double detectableRatio,
            Status status) {
    }

    /**
     * @param points      one per assessed group, in input order
     * @param notAssessed keys of the groups with no point (E = 0, or limits beyond a double's range), in input order
     * @param centre      how theta0 was chosen
     * @param theta0      the centre the limits use; {@code null} when {@link Centre#POOLED} and k = 0 (the points
     *                    are then judged against 1); 0.5 / sum E when pooled and nobody reoffended
     * @param phi         over-dispersion factor; {@code null} when k = 0
     * @param tau2        additive over-dispersion allowance on the log scale, >= 0; 0 when k < 10
     * @param k           number of estimating groups (assessed, not left out) that theta0, phi and tau^2 come from
     */
    public record Result(List<Point> points, List<String> notAssessed, Centre centre, Double theta0, Double phi,
                         double tau2, int k) {
        public Result {
            points = List.copyOf(points);
            notAssessed = List.copyOf(notAssessed);
            Objects.requireNonNull(centre, "centre");
        }
    }

    /**
     * The funnel of every group against the pooled centre, nothing left out.
     *
     * @throws IllegalArgumentException if two groups share a key
     */
    public static Result compute(List<Group> groups) {
        return compute(groups, Set.of(), Centre.POOLED);
    }

    /**
     * Computes the funnel with theta0, phi, tau^2 and k estimated only from the assessed groups not in
     * {@code leftOut}; every assessed group still gets a point against those parameters. Disclosure control leaves
     * out the suppressed groups, so nothing published about the funnel (theta0, phi, tau^2, k, any shown group's
     * limits) depends on a suppressed group.
     *
     * @param leftOut keys of the groups that take no part in the parameters
     * @throws IllegalArgumentException if two groups share a key
     */
    public static Result compute(List<Group> groups, Set<String> leftOut, Centre centre) {
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(leftOut, "leftOut");
        Objects.requireNonNull(centre, "centre");
        Set<String> keys = new HashSet<>();
        List<Group> assessed = new ArrayList<>();
        for (Group group : groups) {
            if (!keys.add(group.key())) {
                throw new IllegalArgumentException("duplicate group key " + group.key());
            }
            if (group.expected() >= MIN_ASSESSED_EXPECTED) {
                assessed.add(group);
            }
        }
        List<Group> estimating = assessed.stream().filter(g -> !leftOut.contains(g.key())).toList();
        int k = estimating.size();

        Double theta0 = centre == Centre.ONE ? Double.valueOf(1.0) : pooledCentre(estimating);
        // With no peers to pool, judge against OGRS3's own expectation (documented above).
        double centreUsed = theta0 == null ? 1.0 : theta0;

        Double phi = null;
        double tau2 = 0.0;
        if (k > 0) {
            double[] z = new double[k];
            double[] s = new double[k];
            for (int i = 0; i < k; i++) {
                Group g = estimating.get(i);
                s[i] = standardError(g, centreUsed);
                z[i] = Math.log(Math.max(g.observed(), ZERO_OBSERVED_SUBSTITUTE) / (centreUsed * g.expected())) / s[i];
            }
            double low = quantileType7(z, LOWER_WINSOR_QUANTILE);
            double high = quantileType7(z, UPPER_WINSOR_QUANTILE);
            double sumSquares = 0;
            for (double zi : z) {
                double winsorised = Math.min(Math.max(zi, low), high);
                sumSquares += winsorised * winsorised;
            }
            phi = sumSquares / k;
            if (k >= MIN_GROUPS_FOR_TAU2) {
                tau2 = tau2(k, phi, s);
            }
        }

        List<Point> points = new ArrayList<>(assessed.size());
        List<String> notAssessed = new ArrayList<>();
        for (Group g : groups) {
            Point p = g.expected() >= MIN_ASSESSED_EXPECTED ? point(g, centreUsed, tau2) : null;
            if (p == null) {
                notAssessed.add(g.key());
            } else {
                points.add(p);
            }
        }
        return new Result(points, notAssessed, centre, theta0, phi, tau2, k);
    }

    /**
     * sum O / sum E over the estimating groups, 0.5 / sum E when sum O = 0; null when there are none. Finite, since
     * every estimating E_g >= {@link #MIN_ASSESSED_EXPECTED}.
     */
    private static Double pooledCentre(List<Group> estimating) {
        if (estimating.isEmpty()) {
            return null;
        }
        long sumObserved = 0;
        double sumExpected = 0;
        for (Group g : estimating) {
            sumObserved = Math.addExact(sumObserved, g.observed());
            sumExpected += g.expected();
        }
        return Math.max(sumObserved, ZERO_OBSERVED_SUBSTITUTE) / sumExpected;
    }

    /** s_g = sqrt(V_g) / (theta0 E_g), with the Poisson variance theta0 E_g when V_g <= 0 (documented above). */
    private static double standardError(Group g, double theta0) {
        double scaledExpected = theta0 * g.expected();
        double variance = scaledExpected - theta0 * theta0 * g.expectedSquares();
        // A V_g within rounding of 0 counts as 0: otherwise the sign of a rounding error would choose between the
        // Poisson fallback and an almost-zero standard error.
        if (!(variance > SUM_TOLERANCE * scaledExpected)) {
            variance = scaledExpected;
        }
        return Math.sqrt(variance) / scaledExpected;
    }

    /** The DerSimonian-Laird-type moment estimate with w_g = 1 / s_g^2, never negative. */
    private static double tau2(int k, double phi, double[] s) {
        double sumW = 0;
        double sumW2 = 0;
        for (double si : s) {
            double w = 1.0 / (si * si);
            sumW += w;
            sumW2 += w * w;
        }
        double denominator = sumW - sumW2 / sumW;
        // Positive whenever k >= 2 and the weights are finite and positive; the guard protects against rounding and
        // against weights that overflow or underflow a double.
        if (!(denominator > 0) || !Double.isFinite(denominator)) {
            return 0.0;
        }
        double tau2 = Math.max(0.0, (k * phi - (k - 1)) / denominator);
        return Double.isFinite(tau2) ? tau2 : 0.0;
    }

    /** The group's point, or null when its limits would not fit in a double (documented above). */
    private static Point point(Group g, double theta0, double tau2) {
        double s = standardError(g, theta0);
        double se = Math.sqrt(s * s + tau2);
        double ratio = g.observed() / g.expected();
        double lower95 = theta0 * Math.exp(-C_95 * se);
        double upper95 = theta0 * Math.exp(C_95 * se);
        double lower998 = theta0 * Math.exp(-C_998 * se);
        double upper998 = theta0 * Math.exp(C_998 * se);
        double detectableRatio = Math.exp(C_95 * se + Z_POWER_80 * s);
        if (!Double.isFinite(ratio) || !Double.isFinite(upper998) || !Double.isFinite(detectableRatio)) {
            return null;
        }
        Status status;
        if (ratio > upper998) {
            status = Status.ALARM;
        } else if (ratio > upper95) {
            status = Status.ALERT;
        } else if (ratio < lower95) {
            status = Status.BETTER;
        } else {
            status = Status.OK;
        }
        return new Point(g.key(), g.observed(), g.expected(), ratio, s, lower95, upper95, lower998, upper998,
                detectableRatio, status);
    }

    /**
     * Sample quantile of type 7 in Hyndman and Fan's numbering (R's and numpy's default): with the
     * values sorted x_1..x_n, h = (n - 1) q and the result interpolates linearly between x_floor(h)+1
     * and x_floor(h)+2. Hipparchus's default Percentile estimator (LEGACY) places quantiles
     * differently and would give another phi and tau^2 than R or numpy on the same data, so type 7
     * is requested explicitly.
     *
     * @param q in [0, 1]
     */
    static double quantileType7(double[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("q must be in [0, 1], got " + q);
        }
        // Hipparchus's percentile argument is in (0, 100]; q = 0 is the minimum under type 7.
        if (q == 0) {
            double min = values[0];
            for (double v : values) {
                min = Math.min(min, v);
            }
            return min;
        }
        // A new instance per call: Percentile caches data and is not thread-safe.
        return new Percentile()
                .withEstimationType(Percentile.EstimationType.R_7)
                .evaluate(values, q * 100.0);
    }
}
