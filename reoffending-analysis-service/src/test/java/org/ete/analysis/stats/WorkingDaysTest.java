package org.ete.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class WorkingDaysTest {

    // 2024-01-01 was a Monday.
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        "2024-01-01, 2024-01-01, 0",  // same day
        "2024-01-01, 2024-01-02, 1",  // Mon -> Tue
        "2024-01-01, 2024-01-05, 4",  // Mon -> Fri: Tue..Fri
        "2024-01-05, 2024-01-08, 1",  // Fri -> Mon: only the Monday counts
        "2024-01-05, 2024-01-06, 0",  // Fri -> Sat
        "2024-01-06, 2024-01-07, 0",  // Sat -> Sun
        "2024-01-06, 2024-01-08, 1",  // Sat -> Mon
        "2024-01-07, 2024-01-13, 5",  // Sun -> Sat: the full working week
        "2024-01-01, 2024-01-22, 15", // three weeks: the seeds' 15 working days
        "2024-01-01, 2024-01-29, 20", // four weeks: the seeds' 20 working days
        "2023-12-29, 2024-01-02, 2",  // Fri -> Tue across the new year (bank holiday not excluded)
        "2024-02-28, 2024-03-01, 2",  // Wed -> Fri across 29 February
    })
    void countsMondayToFridayAfterTheFirstDateUpToAndIncludingTheSecond(
            LocalDate appointedOn, LocalDate startedOn, long expected) {
        assertEquals(expected, WorkingDays.between(appointedOn, startedOn));
    }

    @Test
    void rejectsAStartBeforeTheAppointment() {
        assertThrows(IllegalArgumentException.class,
                () -> WorkingDays.between(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 1)));
    }

    @ParameterizedTest(name = "[{index}] epoch day {0} + {1}")
    @MethodSource("startsAndSpans")
    void agreesWithCountingDayByDay(int startEpochDay, int span) {
        LocalDate from = LocalDate.ofEpochDay(startEpochDay);
        LocalDate to = from.plusDays(span);
        long count = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                count++;
            }
        }
        assertEquals(count, WorkingDays.between(from, to));
    }

    @ParameterizedTest(name = "[{index}] epoch day {0} + {1} + {2}")
    @MethodSource("startsAndTwoSpans")
    void spansAdd(int startEpochDay, int first, int second) {
        LocalDate a = LocalDate.ofEpochDay(startEpochDay);
        LocalDate b = a.plusDays(first);
        LocalDate c = b.plusDays(second);
        assertEquals(WorkingDays.between(a, c), WorkingDays.between(a, b) + WorkingDays.between(b, c));
    }

    /**
     * startEpochDay in [-40000, 40000], span in [0, 800]: the range's corners, every weekday as a start with
     * spans 0..14, then 200 seeded random pairs.
     */
    static Stream<Arguments> startsAndSpans() {
        List<Arguments> cases = new ArrayList<>();
        for (int start : new int[] {-40_000, -39_999, -1, 0, 1, 39_999, 40_000}) {
            for (int span : new int[] {0, 1, 799, 800}) {
                cases.add(Arguments.of(start, span));
            }
        }
        for (int start = 0; start < 7; start++) { // epoch day 0 (1970-01-01) was a Thursday
            for (int span = 0; span <= 14; span++) {
                cases.add(Arguments.of(start, span));
            }
        }
        Random random = new Random(0x4441_5942_5944L);
        for (int c = 0; c < 200; c++) {
            cases.add(Arguments.of(random.nextInt(-40_000, 40_001), random.nextInt(0, 801)));
        }
        return cases.stream();
    }

    /**
     * startEpochDay in [-20000, 20000], first and second in [0, 400]: the range's corners, every weekday as a
     * start with short spans, then 200 seeded random triples.
     */
    static Stream<Arguments> startsAndTwoSpans() {
        List<Arguments> cases = new ArrayList<>();
        for (int start : new int[] {-20_000, -19_999, -1, 0, 1, 19_999, 20_000}) {
            for (int first : new int[] {0, 1, 399, 400}) {
                for (int second : new int[] {0, 1, 399, 400}) {
                    cases.add(Arguments.of(start, first, second));
                }
            }
        }
        for (int start = 0; start < 7; start++) {
            for (int first = 0; first <= 7; first++) {
                cases.add(Arguments.of(start, first, 7 - first));
            }
        }
        Random random = new Random(0x5350_414E_5341L);
        for (int c = 0; c < 200; c++) {
            cases.add(Arguments.of(random.nextInt(-20_000, 20_001), random.nextInt(0, 401), random.nextInt(0, 401)));
        }
        return cases.stream();
    }
}
