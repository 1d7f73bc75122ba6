package org.ete.analysis.alerts;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DOMAIN.md's default alert window, worked by hand: m = asOf - 547 days. */
class AlertWindowTest {
    @Test
    void theLatestTwelveWholeMonthsInWhichEveryoneHasMatured() {
        // asOf 2022-10-01 - 547 days = 2021-04-02 (python: date(2022,10,1) - timedelta(547)): not a month end, so to = 2021-03-31 and from = 2020-04-01.
        AlertWindow w = AlertWindow.defaultFor(LocalDate.parse("2022-10-01"));
        assertEquals(LocalDate.parse("2020-04-01"), w.from());
        assertEquals(LocalDate.parse("2021-03-31"), w.to());
        assertTrue(w.defaulted());
    }

    @Test
    void aMonthEndItselfIsTheLastMonth() {
        // 2022-08-29 - 547 days = 2021-02-28 (python: date(2021,2,28) + timedelta(547) = 2022-08-29), the last day of February: to = 2021-02-28, from = 2020-03-01.
        AlertWindow w = AlertWindow.defaultFor(LocalDate.parse("2022-08-29"));
        assertEquals(LocalDate.parse("2021-02-28"), w.to());
        assertEquals(LocalDate.parse("2020-03-01"), w.from());
    }

    @Test
    void everyoneInTheDefaultWindowHasMatured() {
        for (LocalDate asOf = LocalDate.parse("2019-01-01"); asOf.isBefore(LocalDate.parse("2024-01-01"));
             asOf = asOf.plusMonths(1)) {
            AlertWindow w = AlertWindow.defaultFor(asOf);
            assertFalse(w.to().plusDays(547).isAfter(asOf), asOf.toString());
            // and it is the latest such month: the next month's end has not matured
            LocalDate nextEnd = w.to().plusDays(1).plusMonths(1).minusDays(1);
            assertTrue(nextEnd.plusDays(547).isAfter(asOf), asOf.toString());
            assertEquals(12, w.from().until(w.to().plusDays(1)).toTotalMonths());
        }
    }

    @Test
    void aGivenBoundKeepsTwelveMonthsUnlessBothAreGiven() {
        LocalDate asOf = LocalDate.parse("2022-10-01");
        AlertWindow onlyTo = AlertWindow.resolve(null, LocalDate.parse("2019-12-31"), asOf);
        assertEquals(LocalDate.parse("2019-01-01"), onlyTo.from());
        assertFalse(onlyTo.defaulted());
        AlertWindow onlyFrom = AlertWindow.resolve(LocalDate.parse("2018-04-01"), null, asOf);
        assertEquals(LocalDate.parse("2021-03-31"), onlyFrom.to());
        AlertWindow both = AlertWindow.resolve(LocalDate.parse("2018-04-01"), LocalDate.parse("2021-03-31"), asOf);
        assertEquals(LocalDate.parse("2018-04-01"), both.from());
        assertEquals(LocalDate.parse("2021-03-31"), both.to());
    }
}
