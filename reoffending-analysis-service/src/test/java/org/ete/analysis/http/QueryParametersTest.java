package org.ete.analysis.http;

import org.ete.servicekit.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Windows and as-of dates are whole calendar months (DOMAIN.md, disclosure control). */
class QueryParametersTest {

    @ParameterizedTest
    @CsvSource({"from, 2020-03-02, first-day-of-month", "from, 2020-03-31, first-day-of-month",
            "asOf, 2022-09-30, first-day-of-month", "to, 2020-02-28, last-day-of-month",
            "to, 2021-03-01, last-day-of-month", "from, 2020-3-1, date"})
    void aDateOffTheMonthBoundaryIsA400NamingTheParameterAndTheRule(String name, String value, String rule) {
        ProblemException e = assertThrows(ProblemException.class, () -> parse(name, value));
        assertEquals(400, e.problem().status());
        assertEquals("/query/" + name, e.problem().errors().get(0).field());
        assertEquals(rule, e.problem().errors().get(0).rule());
    }

    @Test
    void monthBoundariesAreAccepted() {
        assertEquals(LocalDate.parse("2020-03-01"), QueryParameters.from("2020-03-01"));
        assertEquals(LocalDate.parse("2020-02-29"), QueryParameters.to("2020-02-29"), "a leap February");
        assertEquals(LocalDate.parse("2021-02-28"), QueryParameters.to("2021-02-28"));
        assertEquals(LocalDate.parse("2022-10-01"), QueryParameters.asOf("2022-10-01"));
        assertNull(QueryParameters.from(null));
        assertNull(QueryParameters.to(""));
    }

    @Test
    void theDefaultAsOfIsTheFirstDayOfTheCurrentMonth() {
        assertEquals(LocalDate.now().withDayOfMonth(1), QueryParameters.asOf(null));
    }

    private static LocalDate parse(String name, String value) {
        return switch (name) {
            case "from" -> QueryParameters.from(value);
            case "to" -> QueryParameters.to(value);
            default -> QueryParameters.asOf(value);
        };
    }
}
