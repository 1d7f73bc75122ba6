package org.ete.simulator;

import java.util.SplittableRandom;

/**
 * The generator's only source of randomness: a {@link SplittableRandom} seeded from the run's seed and a stream
 * name, so every block, the Academy and the stream chaos draw from their own reproducible sequence, whatever
 * the number of threads.
 */
final class Rng {
    private final SplittableRandom random;

    Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A generator for stream {@code parts} of the run with {@code seed} (stable: SplitMix64 over the parts). */
    static Rng of(long seed, long... parts) {
        long h = mix(seed ^ 0x6A09E667F3BCC909L);
        for (long p : parts) {
            h = mix(h ^ mix(p + 0x9E3779B97F4A7C15L));
        }
        return new Rng(h);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    double nextDouble() {
        return random.nextDouble();
    }

    /** In (0, 1]: safe under a logarithm. */
    double nextOpenDouble() {
        return 1.0 - random.nextDouble();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    long nextLong() {
        return random.nextLong();
    }

    /** Uniform integer in [from, to] (inclusive); {@code from} if the range is empty. */
    int between(int from, int to) {
        if (to <= from) {
            return from;
        }
        return from + random.nextInt(to - from + 1);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    double exponential(double mean) {
        return -mean * Math.log(nextOpenDouble());
    }

    double normal() {
        // Box-Muller, one value per call (simple and reproducible).
        double u1 = nextOpenDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Log-normal with the given median and log-scale sigma. */
    double logNormal(double median, double sigma) {
        return median * Math.exp(sigma * normal());
    }

    int poisson(double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return Math.max(0, (int) Math.round(lambda + Math.sqrt(lambda) * normal()));
        }
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1.0;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** Gamma(shape, 1) for shape >= 1 (Marsaglia-Tsang); callers scale it. */
    double gamma(double shape) {
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x = normal();
            double v = 1.0 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = nextOpenDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    /** Index drawn from cumulative weights (last element = total). */
    int pick(double[] cumulative) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    static double[] cumulative(double... weights) {
        double[] c = new double[weights.length];
        double s = 0;
        for (int i = 0; i < weights.length; i++) {
            s += weights[i];
            c[i] = s;
        }
        return c;
    }

    /** Fisher-Yates shuffle in place. */
    void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
