package org.ete.analysis.stats;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hipparchus.stat.descriptive.rank.Percentile;

/**
 * Funnel plot of observed over expected (O/E) against expected, per team, area or demographic
 * group, with over-dispersed control limits on the log O/E scale (Spiegelhalter 2005, "Funnel
 * plots for comparing institutional performance", with an additive random-effects allowance tau^2
 * estimated from winsorised z-scores).
 *
 * <p>The method, for the k groups with E_i > 0:
 * <ol>
 *   <li>s_i = sqrt(1 / E_i), the approximate standard error of ln(O_i / E_i);</li>
 *   <li>z_i = ln(max(O_i, 0.5) / E_i) / s_i (O_i = 0 is replaced by 0.5 so the log is finite);</li>
 *   <li>winsorise z at its 10th and 90th percentiles, R type-7 quantiles;</li>
 *   <li>phi = mean of the squared winsorised z-scores;</li>
 *   <li>tau^2 = max(0, (k phi - (k - 1)) / (sum w - sum w^2 / sum w)), w_i = E_i;</li>
 *   <li>limits exp(+-c sqrt(1 / E_i + tau^2)) at c = 1.96 (95%) and c = 3.09 (99.8%);</li>
 *   <li>status from O_i / E_i: {@code alarm} above the upper 99.8% limit, else {@code alert} above
 *       the upper 95% limit, else {@code better} below the lower 95% limit, else {@code ok}.</li>
 * </ol>
 * The multipliers are the literals 1.96 and 3.09, as the domain specification states them, not
 * exact normal quantiles.
 *
 * <p>Edge cases, documented rather than left to NaN:
 * <ul>
 *   <li>groups with E_i = 0 have no O/E ratio and no limits; they are listed in
 *       {@link Result#notAssessed()} and take no part in k, phi or tau^2;</li>
 *   <li>k = 0 (no groups, or every E_i = 0): no points, phi = {@code null}, tau^2 = 0;</li>
 *   <li>k = 1: phi = z_1^2 (the winsorising quantiles of one value are that value), but the tau^2
 *       denominator is 0, so tau^2 = 0 and the limits are the plain Poisson ones.</li>
 * </ul>
 */
public final class FunnelPlot {

    /** Multiplier for the 95% limits, as the domain specification gives it. */
    public static final double C_95 = 1.96;
    /** Multiplier for the 99.8% limits, as the domain specification gives it. */
    public static final double C_998 = 3.09;
    /** Winsorising quantiles. */
    static final double LOWER_WINSOR_QUANTILE = 0.10;
    static final double UPPER_WINSOR_QUANTILE = 0.90;
    /** Stand-in for O_i = 0 in the log. */
    static final double ZERO_OBSERVED_SUBSTITUTE = 0.5;

    private FunnelPlot() {
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

    /** One group to plot: O_i people who reoffended against E_i predicted. */
    public record Group(String key, long observed, double expected) {
        public Group {
            Objects.requireNonNull(key, "key");
            if (observed < 0) {
                throw new IllegalArgumentException("observed must be >= 0, got " + observed + " for " + key);
            }
            if (!Double.isFinite(expected) || expected < 0) {
                throw new IllegalArgumentException(
                        "expected must be finite and >= 0, got " + expected + " for " + key);
            }
        }
    }

    /** A plotted group: its O/E ratio, its 95% and 99.8% limits and its status. */
    public record Point(
            String key,
            long observed,
            double expected,
            double ratio,
            double lower95,
            double upper95,
            double lower998,
            double upper998,
            Status status) {
    }

    /**
     * @param points      one per group with E > 0, in input order
     * @param notAssessed keys of the groups with E = 0, in input order
     * @param phi         over-dispersion factor; {@code null} when k = 0
     * @param tau2        additive over-dispersion allowance, >= 0; 0 when k < 2
     * @param k           number of groups with E > 0 that phi and tau^2 are estimated from
     */
    public record Result(List<Point> points, List<String> notAssessed, Double phi, double tau2, int k) {
        public Result {
            points = List.copyOf(points);
            notAssessed = List.copyOf(notAssessed);
        }
    }

    /**
     * Computes the funnel for the given groups.
     *
     * @throws IllegalArgumentException if two groups share a key
     */
    public static Result compute(List<Group> groups) {
        return compute(groups, Set.of());
    }

    /**
     * Computes the funnel with phi, tau^2 and k estimated only from the groups not in {@code leftOut}; every group
     * with E > 0 still gets a point against those limits. Disclosure control leaves out the suppressed groups, so
     * nothing published about the funnel (phi, tau^2, k, any shown group's limits) depends on a suppressed group.
     *
     * @param leftOut keys of the groups that take no part in the parameters
     * @throws IllegalArgumentException if two groups share a key
     */
    public static Result compute(List<Group> groups, Set<String> leftOut) {
        Set<String> keys = new HashSet<>();
        List<Group> assessed = new ArrayList<>();
        List<String> notAssessed = new ArrayList<>();
        for (Group group : groups) {
            if (!keys.add(group.key())) {
                throw new IllegalArgumentException("duplicate group key " + group.key());
            }
            if (group.expected() > 0) {
                assessed.add(group);
            } else {
                notAssessed.add(group.key());
            }
        }
        List<Group> estimating = assessed.stream().filter(g -> !leftOut.contains(g.key())).toList();
        int k = estimating.size();
        if (k == 0) {
            List<Point> points = new ArrayList<>(assessed.size());
            for (Group g : assessed) {
                points.add(point(g, 0.0));
            }
            return new Result(points, notAssessed, null, 0.0, 0);
        }

        double[] z = new double[k];
        for (int i = 0; i < k; i++) {
            Group g = estimating.get(i);
            double s = Math.sqrt(1.0 / g.expected());
            z[i] = Math.log(Math.max(g.observed(), ZERO_OBSERVED_SUBSTITUTE) / g.expected()) / s;
        }
        double low = quantileType7(z, LOWER_WINSOR_QUANTILE);
        double high = quantileType7(z, UPPER_WINSOR_QUANTILE);
        double sumSquares = 0;
        for (double zi : z) {
            double winsorised = Math.min(Math.max(zi, low), high);
            sumSquares += winsorised * winsorised;
        }
        double phi = sumSquares / k;

        double tau2 = 0.0;
        if (k >= 2) {
            double sumW = 0;
            double sumW2 = 0;
            for (Group g : estimating) {
                sumW += g.expected();
                sumW2 += g.expected() * g.expected();
            }
            double denominator = sumW - sumW2 / sumW;
            // Positive whenever k >= 2 and every w > 0; the guard only protects against rounding.
            if (denominator > 0) {
                tau2 = Math.max(0.0, (k * phi - (k - 1)) / denominator);
            }
        }

        List<Point> points = new ArrayList<>(assessed.size());
        for (Group g : assessed) {
            points.add(point(g, tau2));
        }
        return new Result(points, notAssessed, phi, tau2, k);
    }

    private static Point point(Group g, double tau2) {
        double se = Math.sqrt(1.0 / g.expected() + tau2);
        double ratio = g.observed() / g.expected();
        double lower95 = Math.exp(-C_95 * se);
        double upper95 = Math.exp(C_95 * se);
        double lower998 = Math.exp(-C_998 * se);
        double upper998 = Math.exp(C_998 * se);
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
        return new Point(g.key(), g.observed(), g.expected(), ratio, lower95, upper95, lower998, upper998, status);
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
