package org.ete.analysis.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Actual against predicted one-year reoffending for one group of matured people.
 *
 * <p>Inputs: O = people who reoffended, n = matured people, E = sum of their predicted
 * probabilities p_i, V = sum of p_i (1 - p_i), the variance of O under the prediction (O is then
 * Poisson-binomial, not binomial, because each person has their own p_i), and K3 = sum of
 * p_i (1 - p_i) (1 - 2 p_i), its third cumulant. All four are sums that add up across groups.
 *
 * <p>The p-value is two-sided, from the refined normal approximation to the Poisson-binomial
 * distribution (Volkova 1996; see {@link #refinedNormalPValue}): at small n the plain normal
 * approximation of z is visibly wrong (at n = 25, 0.038 where the exact p is 0.057), and the exact
 * distribution would need every p_i rather than sums. z stays (O - E) / sqrt(V).
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
 * @param skew                 K3 = sum p_i (1 - p_i) (1 - 2 p_i), the third cumulant of O
 * @param actualRate           O / n
 * @param actualRateCi95       95% Wilson interval around O / n (null bounds when n = 0)
 * @param predictedRate        E / n
 * @param differencePoints     (O / n - E / n) * 100, in percentage points; negative when fewer
 *                             people reoffended than predicted
 * @param observedOverExpected O / E
 * @param fewerReoffended      E - O, "fewer people reoffended than predicted" (negative when more did)
 * @param z                    (O - E) / sqrt(V)
 * @param pValue               two-sided p-value of O from the refined normal approximation
 */
public record ReoffendingStatistics(
        long reoffended,
        long matured,
        double expected,
        double variance,
        double skew,
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
     * Computes the statistics from the five sufficient sums.
     *
     * @param skew K3 = sum p_i (1 - p_i) (1 - 2 p_i)
     * @throws IllegalArgumentException unless 0 <= O <= n, E and V are finite and non-negative,
     *                                  E <= n, V <= min(E, n - E) (which p_i (1 - p_i) <= p_i
     *                                  and <= 1 - p_i imply; this also catches swapped arguments),
     *                                  and K3 is finite with |K3| <= V (as |1 - 2 p_i| <= 1)
     */
    public static ReoffendingStatistics of(long reoffended, long matured, double expected, double variance,
                                           double skew) {
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
        if (!Double.isFinite(skew) || Math.abs(skew) > variance + slack) {
            throw new IllegalArgumentException("skew " + skew + " is impossible for variance " + variance);
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
            pValue = refinedNormalPValue(reoffended, expected, variance, skew);
        }
        return new ReoffendingStatistics(
                reoffended,
                matured,
                expected,
                variance,
                skew,
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
        double skew = 0;
        for (double p : probabilities) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability outside [0, 1]: " + p);
            }
            expected += p;
            variance += p * (1 - p);
            skew += p * (1 - p) * (1 - 2 * p);
        }
        return of(reoffended, probabilities.length, expected, variance, skew);
    }

    /**
     * Two-sided p-value of an observed count O under the refined normal approximation to the
     * Poisson-binomial distribution (Volkova 1996, "A refinement of the central limit theorem for
     * sums of independent random indicators"), which corrects the normal approximation for skewness
     * and uses only mu = sum p, sigma^2 = sum p(1-p) and sum p(1-p)(1-2p):
     * <pre>
     *   gamma = skew / sigma^3
     *   G(x)  = Phi(t) + gamma (1 - t^2) phi(t) / 6,  t = (x + 0.5 - mu) / sigma,  clamped to [0, 1]
     *   p     = min(1, 2 min(G(O), 1 - G(O - 1)))
     * </pre>
     * G(x) approximates P(X <= x), so G(O) is the lower tail and 1 - G(O - 1) = P(X >= O) the upper
     * one. The upper tail is evaluated as Phi(-t) - gamma (1 - t^2) phi(t) / 6, equal to 1 - G in
     * exact arithmetic (and clamped alike), so that a small upper-tail p keeps its precision
     * instead of cancelling to 0. With skew = 0 this is the plain normal approximation with a
     * continuity correction.
     *
     * @param observed O, >= 0
     * @param mean     mu = sum p
     * @param variance sigma^2 = sum p(1-p), > 0
     * @param skew     sum p(1-p)(1-2p)
     * @return a p-value in [0, 1]
     * @throws IllegalArgumentException if the variance is not positive or any argument is not finite
     */
    public static double refinedNormalPValue(long observed, double mean, double variance, double skew) {
        if (observed < 0) {
            throw new IllegalArgumentException("observed must be >= 0, got " + observed);
        }
        if (!Double.isFinite(mean) || !Double.isFinite(skew) || !Double.isFinite(variance) || !(variance > 0)) {
            throw new IllegalArgumentException("need finite mean and skew and a positive finite variance, got "
                    + mean + ", " + variance + ", " + skew);
        }
        double sigma = Math.sqrt(variance);
        double gamma = skew / (variance * sigma);
        double lower = clampToUnit(refinedLowerTail((observed + 0.5 - mean) / sigma, gamma));
        double upper = clampToUnit(refinedUpperTail((observed - 1 + 0.5 - mean) / sigma, gamma));
        return Math.min(1.0, 2.0 * Math.min(lower, upper));
    }

    /** G before clamping: Phi(t) + gamma (1 - t^2) phi(t) / 6. */
    private static double refinedLowerTail(double t, double gamma) {
        return STANDARD_NORMAL.cumulativeProbability(t) + skewCorrection(t, gamma);
    }

    /** 1 - G before clamping, written as Phi(-t) - gamma (1 - t^2) phi(t) / 6 to keep precision. */
    private static double refinedUpperTail(double t, double gamma) {
        return STANDARD_NORMAL.cumulativeProbability(-t) - skewCorrection(t, gamma);
    }

    private static double skewCorrection(double t, double gamma) {
        double density = STANDARD_NORMAL.density(t);
        // Far in a tail phi(t) underflows to 0 while t^2 may overflow: 0 * infinity would be NaN.
        return density == 0 ? 0.0 : gamma * (1 - t * t) * density / 6.0;
    }

    private static double clampToUnit(double value) {
        return Math.min(1.0, Math.max(0.0, value));
    }

    /**
     * Two-sided p-value 2 * Phi(-|z|) of the plain normal approximation, no longer the published
     * p-value (see {@link #refinedNormalPValue}); kept for comparison. Computed from the lower tail rather than as
     * 2 * (1 - Phi(|z|)) so that small p-values keep their precision instead of cancelling to 0.
     */
    public static double twoSidedPValue(double z) {
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("z is NaN");
        }
        return Math.min(1.0, 2.0 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z)));
    }
}
