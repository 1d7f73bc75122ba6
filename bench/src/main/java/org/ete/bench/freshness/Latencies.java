package org.ete.bench.freshness;

import java.util.Arrays;

/** Latency samples in milliseconds and their percentiles (nearest rank). */
public final class Latencies {
    private final double[] sorted;

    public Latencies(double[] ms) {
        if (ms.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        sorted = ms.clone();
        Arrays.sort(sorted);
    }

    /** The {@code q}-quantile, 0 < q <= 1, by nearest rank. */
    public double quantile(double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    public int count() {
        return sorted.length;
    }

    public String summary() {
        return String.format("n=%,d p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms", count(), quantile(0.5),
                quantile(0.9), quantile(0.99), max());
    }
}
