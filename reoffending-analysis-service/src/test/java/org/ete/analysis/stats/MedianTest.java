package org.ete.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MedianTest {

    @Test
    void oddCountTakesTheMiddleValue() {
        assertEquals(15.0, Median.of(20, 15, 3));
        assertEquals(7.0, Median.of(7));
    }

    @Test
    void evenCountTakesTheMeanOfTheTwoMiddleValues() {
        assertEquals(17.5, Median.of(20, 15, 3, 40));
        assertEquals(2.5, Median.of(List.of(1, 2, 3, 4)));
        assertEquals(-1.0, Median.of(List.of(-4L, 2L)));
    }

    @Test
    void hugeValuesDoNotOverflow() {
        assertEquals(Double.MAX_VALUE, Median.of(Double.MAX_VALUE, Double.MAX_VALUE));
    }

    @Test
    void emptyIsNullAndNaNIsRejected() {
        assertNull(Median.of());
        assertNull(Median.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Median.of(1.0, Double.NaN));
    }

    @Property
    void halfTheValuesLieOnEachSide(@ForAll @Size(min = 1, max = 50) List<@IntRange(min = -1000, max = 1000) Integer> values) {
        double median = Median.of(values);
        long atOrBelow = values.stream().filter(v -> v <= median).count();
        long atOrAbove = values.stream().filter(v -> v >= median).count();
        assertTrue(2 * atOrBelow >= values.size() && 2 * atOrAbove >= values.size());
    }
}
