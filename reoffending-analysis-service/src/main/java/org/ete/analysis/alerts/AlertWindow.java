package org.ete.analysis.alerts;

import org.ete.analysis.reoffending.Measurement;

import java.time.LocalDate;

/**
 * The index-date window an alert judges. Alerts are about recent performance, so by default it is the latest 12
 * whole calendar months of index dates in which everyone has matured as of asOf (DOMAIN.md "Team and area alerts"):
 * with m = asOf - 547 days, {@code to} is m if m is the last day of its month, else the last day of the month before
 * m's, and {@code from} is the first day of the 11th month before {@code to}'s month. Pooling every index date ever
 * would dilute a recent decline with years of history.
 *
 * @param defaulted true when neither bound was given (the answer says so)
 */
public record AlertWindow(LocalDate from, LocalDate to, boolean defaulted) {
    /** Whole months in the default window. */
    public static final int DEFAULT_MONTHS = 12;

    /** The default window as of a date. */
    public static AlertWindow defaultFor(LocalDate asOf) {
        LocalDate m = asOf.minusDays(Measurement.MATURITY_DAYS);
        LocalDate to = m.getDayOfMonth() == m.lengthOfMonth() ? m : m.withDayOfMonth(1).minusDays(1);
        LocalDate from = to.withDayOfMonth(1).minusMonths(DEFAULT_MONTHS - 1);
        return new AlertWindow(from, to, true);
    }

    /**
     * The window for the given bounds: each missing bound from the default ({@code to}), or 11 months before
     * {@code to}'s month ({@code from}), so that a given {@code to} alone still means 12 months.
     */
    public static AlertWindow resolve(LocalDate from, LocalDate to, LocalDate asOf) {
        if (from == null && to == null) {
            return defaultFor(asOf);
        }
        LocalDate end = to != null ? to : defaultFor(asOf).to();
        LocalDate start = from != null ? from : end.withDayOfMonth(1).minusMonths(DEFAULT_MONTHS - 1);
        return new AlertWindow(start, end, false);
    }
}
