package org.ete.simulator;

import java.util.Arrays;

/**
 * Exact-size random selections, the calibration's workhorse. A seeded generator can hit the seeds' counts
 * exactly (quotas), and their predicted rates to a thousandth of a point (a tilted draw, then random swaps that
 * move the mean towards the target), while who is chosen stays random.
 */
final class Selection {
    /** Mean OGRS3 probability of a selection is brought within this of its target. */
    static final double MEAN_TOLERANCE = 1e-5;

    private Selection() {
    }

    /**
     * Chooses {@code k} of {@code candidates} (person indices into {@code p}) whose mean p is {@code target}, within
     * {@link #MEAN_TOLERANCE} when the candidates allow it. {@code extra} (parallel to candidates, or null) scales
     * each candidate's chance before the tilt.
     */
    static int[] withMean(int[] candidates, double[] p, double[] extra, int k, double target, Rng rng) {
        int n = candidates.length;
        if (k <= 0) {
            return new int[0];
        }
        if (k >= n) {
            return candidates.clone();
        }
        double theta = tilt(candidates, p, extra, target);
        double[] key = new double[n];
        for (int i = 0; i < n; i++) {
            double logW = theta * p[candidates[i]] + (extra == null ? 0 : Math.log(Math.max(1e-12, extra[i])));
            // Exponential race: the k smallest of E_i / w_i are a weighted sample without replacement.
            key[i] = Math.log(-Math.log(rng.nextOpenDouble())) - logW;
        }
        boolean[] chosen = smallest(key, k);
        int[] in = new int[k];
        int[] out = new int[n - k];
        int a = 0;
        int b = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int person = candidates[i];
            if (chosen[i]) {
                in[a++] = person;
                sum += p[person];
            } else {
                out[b++] = person;
            }
        }
        swapTowards(in, out, p, target * k - sum, k, rng);
        return in;
    }

    /** Random swaps between {@code in} and {@code out} while they bring sum(in) closer to the target. */
    private static void swapTowards(int[] in, int[] out, double[] p, double diff, int k, Rng rng) {
        double tolerance = MEAN_TOLERANCE * k;
        long attempts = 0;
        long maxAttempts = 200L * (in.length + out.length) + 10_000;
        while (Math.abs(diff) > tolerance && attempts++ < maxAttempts) {
            int a = rng.nextInt(in.length);
            int b = rng.nextInt(out.length);
            double delta = p[out[b]] - p[in[a]];
            if (Math.abs(diff - delta) < Math.abs(diff)) {
                int t = in[a];
                in[a] = out[b];
                out[b] = t;
                diff -= delta;
            }
        }
    }

    /** theta such that the exp(theta p)-tilted mean of the candidates is the target (bisection). */
    private static double tilt(int[] candidates, double[] p, double[] extra, double target) {
        double lo = -60;
        double hi = 60;
        for (int it = 0; it < 40; it++) {
            double mid = (lo + hi) / 2;
            if (tiltedMean(candidates, p, extra, mid) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static double tiltedMean(int[] candidates, double[] p, double[] extra, double theta) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c : candidates) {
            max = Math.max(max, theta * p[c]);
        }
        double sw = 0;
        double swp = 0;
        for (int i = 0; i < candidates.length; i++) {
            double w = Math.exp(theta * p[candidates[i]] - max) * (extra == null ? 1 : extra[i]);
            sw += w;
            swp += w * p[candidates[i]];
        }
        return sw == 0 ? 0 : swp / sw;
    }

    /** Exactly {@code k} of {@code candidates}, each drawn with probability about proportional to its weight. */
    static int[] weighted(int[] candidates, double[] weights, int k, Rng rng) {
        int n = candidates.length;
        if (k <= 0) {
            return new int[0];
        }
        if (k >= n) {
            return candidates.clone();
        }
        double[] key = new double[n];
        for (int i = 0; i < n; i++) {
            key[i] = -Math.log(rng.nextOpenDouble()) / Math.max(1e-12, weights[i]);
        }
        boolean[] chosen = smallest(key, k);
        int[] out = new int[k];
        int a = 0;
        for (int i = 0; i < n; i++) {
            if (chosen[i]) {
                out[a++] = candidates[i];
            }
        }
        return out;
    }

    /** Marks the k smallest keys (ties, which continuous draws make vanishingly rare, broken by position). */
    private static boolean[] smallest(double[] key, int k) {
        double[] sorted = key.clone();
        Arrays.sort(sorted);
        double threshold = sorted[k - 1];
        int below = 0;
        for (double v : key) {
            if (v < threshold) {
                below++;
            }
        }
        int ties = k - below;
        boolean[] chosen = new boolean[key.length];
        for (int i = 0; i < key.length; i++) {
            if (key[i] < threshold || (key[i] == threshold && ties-- > 0)) {
                chosen[i] = true;
            }
        }
        return chosen;
    }

    static double mean(int[] people, double[] p) {
        if (people.length == 0) {
            return 0;
        }
        double s = 0;
        for (int i : people) {
            s += p[i];
        }
        return s / people.length;
    }
}
