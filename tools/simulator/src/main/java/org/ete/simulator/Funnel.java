package org.ete.simulator;

import java.util.Arrays;

/**
 * The funnel plot DOMAIN.md ("Team and area alerts") asks the platform for, so {@code --report} can say whether the
 * outlier team and the unmet-needs group would be flagged. Its own implementation (the simulator uses nothing of the
 * platform's): each group against its peers, on the log O/E scale.
 * <ol>
 *   <li>theta0 = sum O / sum E over the groups (the service's own level, not OGRS3's 1);</li>
 *   <li>V_g = theta0 E_g - theta0^2 sum p^2 (binomial variance of O under "performs like its peers"),
 *       s_g = sqrt(V_g) / (theta0 E_g);</li>
 *   <li>z_g = ln(max(O_g, 0.5) / (theta0 E_g)) / s_g, winsorised at the 10th and 90th percentiles (type 7),
 *       phi = mean of their squares;</li>
 *   <li>tau^2 = max(0, (k phi - (k - 1)) / (sum w - sum w^2 / sum w)), w = 1 / s^2, only when k >= 10;</li>
 *   <li>limits theta0 exp(+-c sqrt(s_g^2 + tau^2)), c = 1.96 and 3.09.</li>
 * </ol>
 * Groups with E = 0 are "n/a" and take no part.
 */
final class Funnel {
    static final int MIN_GROUPS_FOR_TAU2 = 10;

    private final double[] observed;
    private final double[] expected;
    private final double[] se;
    private final double theta0;
    private final double tau2;

    private Funnel(double[] observed, double[] expected, double[] se, double theta0, double tau2) {
        this.observed = observed;
        this.expected = expected;
        this.se = se;
        this.theta0 = theta0;
        this.tau2 = tau2;
    }

    /** {@code expectedSquares[g]} is the group's sum of p^2. */
    static Funnel of(double[] observed, double[] expected, double[] expectedSquares) {
        double sumO = 0;
        double sumE = 0;
        int k = 0;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] > 0) {
                sumO += observed[i];
                sumE += expected[i];
                k++;
            }
        }
        double[] se = new double[expected.length];
        if (k == 0 || sumO == 0) {
            Arrays.fill(se, Double.NaN);
            return new Funnel(observed, expected, se, sumE == 0 ? 1 : sumO / sumE, 0);
        }
        double theta0 = sumO / sumE;
        double[] z = new double[k];
        double sw = 0;
        double sw2 = 0;
        int j = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            if (e <= 0) {
                se[i] = Double.NaN;
                continue;
            }
            double v = Math.max(1e-12, theta0 * e - theta0 * theta0 * expectedSquares[i]);
            se[i] = Math.sqrt(v) / (theta0 * e);
            z[j++] = Math.log(Math.max(observed[i], 0.5) / (theta0 * e)) / se[i];
            double w = 1 / (se[i] * se[i]);
            sw += w;
            sw2 += w * w;
        }
        double t2 = 0;
        if (k >= MIN_GROUPS_FOR_TAU2) {
            double[] sorted = z.clone();
            Arrays.sort(sorted);
            double lo = quantile(sorted, 0.10);
            double hi = quantile(sorted, 0.90);
            double phi = 0;
            for (double v : z) {
                double w = Math.max(lo, Math.min(hi, v));
                phi += w * w;
            }
            phi /= k;
            double denominator = sw - sw2 / sw;
            t2 = denominator <= 0 ? 0 : Math.max(0, (k * phi - (k - 1)) / denominator);
        }
        return new Funnel(observed, expected, se, theta0, t2);
    }

    /** R's type-7 quantile of sorted values. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int f = (int) Math.floor(h);
        int c = Math.min(sorted.length - 1, f + 1);
        return sorted[f] + (h - f) * (sorted[c] - sorted[f]);
    }

    double tau2() {
        return tau2;
    }

    double theta0() {
        return theta0;
    }

    String status(int i) {
        double e = expected[i];
        if (e <= 0 || Double.isNaN(se[i])) {
            return "n/a";
        }
        double ratio = observed[i] / e;
        double sd = Math.sqrt(se[i] * se[i] + tau2);
        if (ratio > theta0 * Math.exp(3.09 * sd)) {
            return "alarm";
        }
        if (ratio > theta0 * Math.exp(1.96 * sd)) {
            return "alert";
        }
        if (ratio < theta0 * Math.exp(-1.96 * sd)) {
            return "better";
        }
        return "ok";
    }
}
