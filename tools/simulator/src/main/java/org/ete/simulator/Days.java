package org.ete.simulator;

import java.time.LocalDate;

/**
 * Dates as epoch days (ints), so the generator does arithmetic without allocating, with a cache of their ISO
 * strings for rendering. Working days follow the analysis service's definition: Monday to Friday, counted over
 * {@code from < d <= to}; bank holidays are not excluded.
 */
final class Days {

    static final int FIRST = (int) LocalDate.of(1900, 1, 1).toEpochDay();
    static final int LAST = (int) LocalDate.of(2100, 1, 1).toEpochDay();
    private static final String[] ISO = new String[LAST - FIRST + 1];

    private Days() {
    }

    static int of(int year, int month, int day) {
        return (int) LocalDate.of(year, month, day).toEpochDay();
    }

    static int of(LocalDate date) {
        return (int) date.toEpochDay();
    }

    static LocalDate date(int day) {
        return LocalDate.ofEpochDay(day);
    }

    /** {@code YYYY-MM-DD}. */
    static String iso(int day) {
        int i = day - FIRST;
        if (i < 0 || i >= ISO.length) {
            return LocalDate.ofEpochDay(day).toString();
        }
        String s = ISO[i];
        if (s == null) {
            s = LocalDate.ofEpochDay(day).toString();
            ISO[i] = s; // benign race: every thread computes the same string
        }
        return s;
    }

    static int parse(String iso) {
        return (int) LocalDate.parse(iso).toEpochDay();
    }

    /** 0 = Monday ... 6 = Sunday (epoch day 0, 1970-01-01, was a Thursday). */
    static int dayOfWeek(int day) {
        return Math.floorMod(day + 3, 7);
    }

    static boolean isWeekday(int day) {
        return dayOfWeek(day) < 5;
    }

    static int weekdayOnOrAfter(int day) {
        int d = day;
        while (!isWeekday(d)) {
            d++;
        }
        return d;
    }

    static int weekdayOnOrBefore(int day) {
        int d = day;
        while (!isWeekday(d)) {
            d--;
        }
        return d;
    }

    /** The day k working days after {@code from}: the k-th Monday-Friday day d with d > from (k = 0: from). */
    static int addWorkingDays(int from, int k) {
        int d = from;
        int left = k;
        while (left > 0) {
            d++;
            if (isWeekday(d)) {
                left--;
            }
        }
        return d;
    }

    /** Monday-Friday days d with {@code from < d <= to}. */
    static int workingDaysBetween(int from, int to) {
        int n = 0;
        for (int d = from + 1; d <= to; d++) {
            if (isWeekday(d)) {
                n++;
            }
        }
        return n;
    }

    /** Whole years from {@code birth} to {@code on} (as {@link java.time.Period#between}). */
    static int age(int birth, int on) {
        LocalDate b = date(birth);
        LocalDate o = date(on);
        int years = o.getYear() - b.getYear();
        if (o.getMonthValue() < b.getMonthValue()
                || (o.getMonthValue() == b.getMonthValue() && o.getDayOfMonth() < b.getDayOfMonth())) {
            years--;
        }
        return years;
    }
}
