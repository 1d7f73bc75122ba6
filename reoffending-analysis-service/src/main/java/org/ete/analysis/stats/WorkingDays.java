package org.ete.analysis.stats;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Working days from one date to a later one, as in "working days from appointment to start".
 *
 * <p>Counts the days d with {@code from < d <= to} that fall Monday to Friday: the first date is
 * excluded and the second included, so an appointment on a Friday with a start on the following
 * Monday is 1 working day, and a start on the appointment day is 0. Bank holidays are not
 * excluded (they differ between the UK nations and the events do not say which applies).
 */
public final class WorkingDays {

    /** 1970-01-01 (epoch day 0) was a Thursday, so epoch day -3 was a Monday. */
    private static final long EPOCH_DAY_OF_A_MONDAY = -3;

    private WorkingDays() {
    }

    /**
     * Mon-Fri days d with {@code appointedOn < d <= startedOn}.
     *
     * @throws IllegalArgumentException if {@code startedOn} is before {@code appointedOn}
     */
    public static long between(LocalDate appointedOn, LocalDate startedOn) {
        Objects.requireNonNull(appointedOn, "appointedOn");
        Objects.requireNonNull(startedOn, "startedOn");
        if (startedOn.isBefore(appointedOn)) {
            throw new IllegalArgumentException("startedOn " + startedOn + " is before appointedOn " + appointedOn);
        }
        return weekdaysUpTo(startedOn) - weekdaysUpTo(appointedOn);
    }

    /**
     * Number of Mon-Fri days from a fixed reference Monday up to and including {@code date}
     * (offset by a constant, which cancels in the difference). Closed form, so long spans cost
     * nothing.
     */
    private static long weekdaysUpTo(LocalDate date) {
        long daysSinceMonday = date.toEpochDay() - EPOCH_DAY_OF_A_MONDAY;
        long weeks = Math.floorDiv(daysSinceMonday, 7);
        long dayOfWeek = Math.floorMod(daysSinceMonday, 7); // 0 = Monday ... 6 = Sunday
        return 5 * weeks + Math.min(dayOfWeek + 1, 5);
    }
}
