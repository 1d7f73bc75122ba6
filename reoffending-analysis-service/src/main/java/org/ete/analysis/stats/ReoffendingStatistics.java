package org.ete.analysis.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Actual against predicted one-year reoffending for one group of matured people.
 *
 * <p>Inputs: O = people who reoffended, n = matured people, E = sum of their predicted
 * probabilities p_i, V = sum of p_i (1 - p_i), the variance of O under the prediction (O is then
 * Poisson-binomial, not binomial, because each person has their own p_i).
 *
 * <p>Every derived figure is either a finite number or {@code null}, never NaN or infinite, so the
 * record can be serialised to JSON as it stands. The {@code null} cases:
 * <ul>
 *   <li>n = 0: no rate, interval, predicted rate or difference (there is nobody to measure);</li>
 *   <li>E = 0: no O/E ratio (division by zero);</li>
 *   <li>V = 0 (every p_i is exactly 0 or 1, including n = 0): no z-score or p-value, because the
 *       prediction leaves no room for chance; reporting +-infinity would only mislead.</li>
 * </ul>
 * {@code fewerReoffended} (E - O) is always defined.
 *
 * @param reoffended           O
 * @param matured              n
 * @param expected             E
 * @param variance             V
 * @param actualRate           O / n
 * @param actualRateCi95       95% Wilson interval around O / n (null bounds when n = 0)
 * @param predictedRate        E / n
 * @param differencePoints     (O / n - E / n) * 100, in percentage points; negative when fewer
 *                             people reoffended than predicted
 * @param observedOverExpected O / E
 * @param fewerReoffended      E - O, "fewer people reoffended than predicted" (negative when more did)
 * @param z                    (O - E) / sqrt(V)
 * @param pValue               two-sided p-value of z under the standard normal distribution
 */
public record ReoffendingStatistics(
        long reoffended,
        long matured,
        double expected,
        double variance,
        Double actualRate,
        Wilson.Interval actualRateCi95,
        Double predictedRate,
        Double differencePoints,
        Double observedOverExpected,
        double fewerReoffended,
        Double z,
        Double pValue) {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0.0, 1.0);

    /** Relative slack for the consistency checks, so that rounding in summed probabilities is not an error. */
    private static final double SUM_TOLERANCE = 1e-9;

    /**
     * Computes the statistics from the four sufficient sums.
     *
     * @throws IllegalArgumentException unless 0 <= O <= n, E and V are finite and non-negative,
     *                                  E <= n, and V <= min(E, n - E) (which p_i (1 - p_i) <= p_i
     *                                  and <= 1 - p_i imply; this also catches swapped arguments)
     */
    public static ReoffendingStatistics of(long reoffended, long matured, double expected, double variance) {
        if (matured < 0 || reoffended < 0 || reoffended > matured) {
            throw new IllegalArgumentException(
                    "need 0 <= reoffended <= matured, got " + reoffended + "/" + matured);
        }
        if (!Double.isFinite(expected) || expected < 0 || !Double.isFinite(variance) || variance < 0) {
            throw new IllegalArgumentException(
                    "expected and variance must be finite and non-negative, got " + expected + ", " + variance);
        }
        double slack = SUM_TOLERANCE * Math.max(1.0, matured);
        if (expected > matured + slack) {
            throw new IllegalArgumentException("expected " + expected + " exceeds matured " + matured);
        }
        if (variance > Math.min(expected, matured - expected) + slack) {
            throw new IllegalArgumentException(
                    "variance " + variance + " is impossible for expected " + expected + " of " + matured);
        }

        Double actualRate = null;
        Double predictedRate = null;
        Double differencePoints = null;
        if (matured > 0) {
            actualRate = (double) reoffended / matured;
            predictedRate = expected / matured;
            differencePoints = (actualRate - predictedRate) * 100.0;
        }
        Double observedOverExpected = expected > 0 ? reoffended / expected : null;
        Double z = null;
        Double pValue = null;
        if (variance > 0) {
            z = (reoffended - expected) / Math.sqrt(variance);
            pValue = twoSidedPValue(z);
        }
        return new ReoffendingStatistics(
                reoffended,
                matured,
                expected,
                variance,
                actualRate,
                Wilson.interval95(reoffended, matured),
                predictedRate,
                differencePoints,
                observedOverExpected,
                expected - reoffended,
                z,
                pValue);
    }

    /**
     * Convenience for a group given as its people's predicted probabilities (n = their number).
     *
     * @param probabilities each p_i in [0, 1], at full precision
     */
    public static ReoffendingStatistics fromProbabilities(long reoffended, double... probabilities) {
        double expected = 0;
        double variance = 0;
        for (double p : probabilities) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability outside [0, 1]: " + p);
            }
            expected += p;
            variance += p * (1 - p);
        }
        return of(reoffended, probabilities.length, expected, variance);
    }

    /**
     * Two-sided p-value 2 * Phi(-|z|). Computed from the lower tail rather than as
     * 2 * (1 - Phi(|z|)) so that small p-values keep their precision instead of cancelling to 0.
     */
    public static double twoSidedPValue(double z) {
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("z is NaN");
        }
        return Math.min(1.0, 2.0 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z)));
    }
}
