package org.ete.analysis.definitions;

import java.time.LocalDate;

/**
 * Calendar months as ints, for the cubes' cells. Windows and as-of dates are whole months (ADR 0010: {@code from} and
 * {@code asOf} the first day of a month, {@code to} the last), so a cell needs only months, and "asOf >= d" for a
 * first-of-month asOf is "month(asOf) >= ceil(d)".
 */
public final class CalendarMonths {
    private CalendarMonths() {
    }

    /** Months since year 0: a total order of calendar months. */
    public static int month(LocalDate d) {
        return d.getYear() * 12 + d.getMonthValue() - 1;
    }

    /** The month of the first first-of-month date on or after {@code d}: asOf >= d iff month(asOf) >= this. */
    public static int ceil(LocalDate d) {
        return d.getDayOfMonth() == 1 ? month(d) : month(d) + 1;
    }
}
