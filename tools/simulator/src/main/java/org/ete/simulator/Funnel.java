package org.ete.simulator;

import java.util.Arrays;

/**
 * The funnel plot DOMAIN.md asks the platform for (O/E against E, over-dispersed limits exp(+-z sqrt(1/E + tau^2)),
 * z = 1.96 and 3.09, tau^2 from winsorised z-scores as in Spiegelhalter 2005), so {@code --report} can say whether
 * the outlier team would be flagged. Groups with E = 0 are "n/a".
 */
final class Funnel {
    private final double[] observed;
    private final double[] expected;
    private final double tau2;

    private Funnel(double[] observed, double[] expected, double tau2) {
        this.observed = observed;
        this.expected = expected;
        this.tau2 = tau2;
    }

    static Funnel of(double[] observed, double[] expected) {
        int k = 0;
        for (double e : expected) {
            if (e > 0) {
                k++;
            }
        }
        double[] z = new double[k];
        double sw = 0;
        double sw2 = 0;
        int j = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            if (e <= 0) {
                continue;
            }
            z[j++] = Math.log(Math.max(observed[i], 0.5) / e) / Math.sqrt(1.0 / e);
            sw += e;
            sw2 += e * e;
        }
        if (k == 0) {
            return new Funnel(observed, expected, 0);
        }
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
        double t2 = denominator <= 0 ? 0 : Math.max(0, (k * phi - (k - 1)) / denominator);
        return new Funnel(observed, expected, t2);
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

    String status(int i) {
        double e = expected[i];
        if (e <= 0) {
            return "n/a";
        }
        double ratio = observed[i] / e;
        double sd = Math.sqrt(1.0 / e + tau2);
        if (ratio > Math.exp(3.09 * sd)) {
            return "alarm";
        }
        if (ratio > Math.exp(1.96 * sd)) {
            return "alert";
        }
        if (ratio < Math.exp(-1.96 * sd)) {
            return "better";
        }
        return "ok";
    }
}
