package org.ete.analysis.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Wilson score interval (without continuity correction) for a binomial proportion k/n.
 *
 * <p>Chosen over the Wald interval because it stays inside [0, 1] and keeps close to its nominal
 * coverage for small groups and for rates near 0 or 1 (Newcombe 1998, method 3).
 */
public final class Wilson {

    /**
     * The two-sided 95% normal quantile, z = Phi^-1(0.975) = 1.959963984540054..., taken from the
     * distribution rather than the rounded literal 1.96 so that published intervals reproduce exactly.
     */
    public static final double Z_95 = new NormalDistribution(0.0, 1.0).inverseCumulativeProbability(0.975);

    private Wilson() {
    }

    /**
     * A confidence interval for a proportion. Both bounds are {@code null} when the interval is
     * undefined (no trials): {@code null}, never NaN, so it serialises cleanly to JSON.
     */
    public record Interval(Double lower, Double upper) {

        /** The interval for zero trials: nothing is known, so both bounds are {@code null}. */
        public static final Interval UNDEFINED = new Interval(null, null);

        public Interval {
            if ((lower == null) != (upper == null)) {
                throw new IllegalArgumentException("both bounds must be null or neither");
            }
            if (lower != null && !(lower <= upper)) {
                throw new IllegalArgumentException("lower bound " + lower + " exceeds upper bound " + upper);
            }
        }

        public boolean isDefined() {
            return lower != null;
        }
    }

    /**
     * The 95% Wilson score interval for {@code successes} out of {@code trials}.
     *
     * @return {@link Interval#UNDEFINED} (null bounds) when {@code trials == 0}
     * @throws IllegalArgumentException unless 0 <= successes <= trials
     */
    public static Interval interval95(long successes, long trials) {
        return interval(successes, trials, Z_95);
    }

    /**
     * The Wilson score interval at normal quantile {@code z} (e.g. {@link #Z_95}).
     *
     * @return {@link Interval#UNDEFINED} (null bounds) when {@code trials == 0}
     * @throws IllegalArgumentException unless 0 <= successes <= trials and z is finite and positive
     */
    public static Interval interval(long successes, long trials, double z) {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException(
                    "need 0 <= successes <= trials, got " + successes + "/" + trials);
        }
        if (!(z > 0) || Double.isInfinite(z)) {
            throw new IllegalArgumentException("z must be finite and positive, got " + z);
        }
        if (trials == 0) {
            return Interval.UNDEFINED;
        }
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double halfWidth = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // At k = 0 and k = n the exact bound is 0 or 1; pin it so rounding cannot step outside [0, 1].
        double lower = successes == 0 ? 0.0 : Math.max(0.0, centre - halfWidth);
        double upper = successes == trials ? 1.0 : Math.min(1.0, centre + halfWidth);
        return new Interval(lower, upper);
    }
}
