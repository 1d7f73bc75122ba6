package org.ete.analysis.stats;

import java.util.Arrays;
import java.util.Collection;

/**
 * Median of a set of values: the middle value, or for an even count the mean of the two middle
 * values. The median of no values is {@code null} (not NaN), ready for JSON.
 */
public final class Median {

    private Median() {
    }

    /**
     * @return the median, or {@code null} for an empty array
     * @throws IllegalArgumentException if a value is NaN
     */
    public static Double of(double... values) {
        if (values.length == 0) {
            return null;
        }
        double[] sorted = values.clone();
        for (double v : sorted) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("NaN value");
            }
        }
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        if (sorted.length % 2 == 1) {
            return sorted[middle];
        }
        // Halve each before adding so that two huge values cannot overflow to infinity.
        return sorted[middle - 1] / 2 + sorted[middle] / 2;
    }

    /**
     * @return the median, or {@code null} for an empty collection
     * @throws IllegalArgumentException if a value is NaN
     * @throws NullPointerException     if a value is null
     */
    public static Double of(Collection<? extends Number> values) {
        double[] array = new double[values.size()];
        int i = 0;
        for (Number value : values) {
            array[i++] = value.doubleValue();
        }
        return of(array);
    }
}
