package org.ete.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("valueLists")
    void halfTheValuesLieOnEachSide(List<Integer> values) {
        double median = Median.of(values);
        long atOrBelow = values.stream().filter(v -> v <= median).count();
        long atOrAbove = values.stream().filter(v -> v >= median).count();
        assertTrue(2 * atOrBelow >= values.size() && 2 * atOrAbove >= values.size());
    }

    private static final int MIN = -1000;
    private static final int MAX = 1000;
    private static final int MAX_SIZE = 50;

    /** Lists of 1..50 values in [-1000, 1000]: edge cases, then 200 seeded random lists (some with many ties). */
    static Stream<Arguments> valueLists() {
        List<List<Integer>> cases = new ArrayList<>();
        for (int v : new int[] {MIN, MIN + 1, -1, 0, 1, MAX - 1, MAX}) {
            cases.add(List.of(v));
        }
        cases.add(List.of(MIN, MAX));
        cases.add(List.of(MAX, MIN));
        cases.add(List.of(MIN, 0, MAX));
        cases.add(Collections.nCopies(MAX_SIZE, MIN));
        cases.add(Collections.nCopies(MAX_SIZE, MAX));
        cases.add(Collections.nCopies(MAX_SIZE - 1, 0));
        List<Integer> alternating = new ArrayList<>();
        for (int i = 0; i < MAX_SIZE; i++) {
            alternating.add(i % 2 == 0 ? MIN : MAX);
        }
        cases.add(alternating);

        Random random = new Random(0x4D45_4449_414EL);
        for (int c = 0; c < 200; c++) {
            int size = random.nextInt(1, MAX_SIZE + 1);
            // Every fourth list draws from a narrow band so that ties around the median are common.
            int lo = c % 4 == 3 ? -3 : MIN;
            int hi = c % 4 == 3 ? 3 : MAX;
            List<Integer> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(random.nextInt(lo, hi + 1));
            }
            cases.add(values);
        }
        return cases.stream().map(Arguments::of);
    }
}
