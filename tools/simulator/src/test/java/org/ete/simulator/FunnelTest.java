package org.ete.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@code --report}'s funnel (DOMAIN.md "Team and area alerts") against numpy. Expected values from:
 * <pre>
 * import numpy as np
 * def funnel(O, E, E2):
 *     t0 = O.sum() / E.sum(); s = np.sqrt(t0 * E - t0**2 * E2) / (t0 * E); k = len(O); tau2 = 0
 *     if k >= 10:
 *         z = np.log(np.maximum(O, 0.5) / (t0 * E)) / s; lo, hi = np.quantile(z, [0.1, 0.9])
 *         phi = np.mean(np.clip(z, lo, hi)**2); w = 1 / s**2
 *         tau2 = max(0, (k * phi - (k - 1)) / (w.sum() - (w**2).sum() / w.sum()))
 *     sd = np.sqrt(s**2 + tau2); r = O / E
 *     return t0, tau2, np.where(r > t0 * np.exp(3.09 * sd), 'alarm', np.where(r > t0 * np.exp(1.96 * sd), 'alert',
 *                           np.where(r < t0 * np.exp(-1.96 * sd), 'better', 'ok')))
 * funnel(O, E, 0.4 * E)   # sum p^2 as if every p were 0.4
 * </pre>
 */
class FunnelTest {

    private static double[] squares(double[] e) {
        return Arrays.stream(e).map(x -> 0.4 * x).toArray();
    }

    private static String[] statuses(Funnel f, int k) {
        String[] out = new String[k];
        for (int i = 0; i < k; i++) {
            out[i] = f.status(i);
        }
        return out;
    }

    @Test
    void overDispersedGroupsWidenTheLimits() {
        double[] o = {30, 45, 12, 80, 22, 51, 60, 15, 33, 41, 70, 9};
        double[] e = {40, 50, 20, 70, 30, 60, 75, 25, 45, 50, 60, 15};
        Funnel f = Funnel.of(o, e, squares(e));
        assertEquals(0.8666666666666667, f.theta0(), 1e-12);
        assertEquals(0.023538954592744334, f.tau2(), 1e-12);
        String[] ok = new String[12];
        Arrays.fill(ok, "ok");
        assertEquals(Arrays.asList(ok), Arrays.asList(statuses(f, 12)));
    }

    @Test
    void anOutlierAgainstItsPeers() {
        double[] o = {32, 41, 17, 57, 25, 47, 58, 21, 36, 50, 105, 0};
        double[] e = {40, 50, 20, 70, 30, 60, 75, 25, 45, 60, 70, 4};
        Funnel f = Funnel.of(o, e, squares(e));
        assertEquals(0.8907103825136612, f.theta0(), 1e-12);
        assertEquals(0.0, f.tau2(), 0);
        assertEquals(Arrays.asList("ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "alarm", "better"),
                Arrays.asList(statuses(f, 12)));
    }

    @Test
    void fewerThanTenGroupsHaveNoTau2() {
        double[] o = {30, 45, 12, 80};
        double[] e = {40, 50, 20, 70};
        Funnel f = Funnel.of(o, e, squares(e));
        assertEquals(0.9277777777777778, f.theta0(), 1e-12);
        assertEquals(0.0, f.tau2(), 0);
        assertEquals(Arrays.asList("ok", "ok", "better", "alert"), Arrays.asList(statuses(f, 4)));
    }
}
