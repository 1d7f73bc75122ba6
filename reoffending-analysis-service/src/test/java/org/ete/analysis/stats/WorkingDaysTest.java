package org.ete.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @Property
    void agreesWithCountingDayByDay(
            @ForAll @IntRange(min = -40_000, max = 40_000) int startEpochDay,
            @ForAll @IntRange(min = 0, max = 800) int span) {
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

    @Property
    void spansAdd(
            @ForAll @IntRange(min = -20_000, max = 20_000) int startEpochDay,
            @ForAll @IntRange(min = 0, max = 400) int first,
            @ForAll @IntRange(min = 0, max = 400) int second) {
        LocalDate a = LocalDate.ofEpochDay(startEpochDay);
        LocalDate b = a.plusDays(first);
        LocalDate c = b.plusDays(second);
        assertEquals(WorkingDays.between(a, c), WorkingDays.between(a, b) + WorkingDays.between(b, c));
    }
}
