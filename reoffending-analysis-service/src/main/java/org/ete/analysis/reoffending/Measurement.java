package org.ete.analysis.reoffending;

import org.ete.analysis.projection.PersonState;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One person's one-year reoffending measurement for one cohort and follow-up start, as DOMAIN.md defines it.
 *
 * @param indexDate  take-up; for the custody (in-reach) setting, the first release on or after take-up when one is
 *                   recorded (DOMAIN.md "Index date")
 * @param start      when follow-up starts (the index date, or the job start / sustainment date)
 * @param reoffended a reconviction with start < offenceDate <= start + 365 and sentenceDate <= start + 547
 * @param predicted  OGRS3 one-year probability (0..1)
 */
public record Measurement(LocalDate indexDate, LocalDate start, boolean reoffended, double predicted) {
    public static final int FOLLOW_UP_DAYS = 365;
    /** 365 days of follow-up plus the 182-day waiting period for court outcomes. */
    public static final int MATURITY_DAYS = 547;
    /** The referral setting whose index date waits for a release (support may start inside prison). */
    public static final String CUSTODY = "custody";

    /** Matured once asOf >= start + 547 days; before that the person is pending, never a non-reoffender. */
    public LocalDate maturesOn() {
        return start.plusDays(MATURITY_DAYS);
    }

    public boolean maturedBy(LocalDate asOf) {
        return !asOf.isBefore(maturesOn());
    }

    /**
     * What a person is, for one cohort and follow-up start, for every as-of date in [{@code validFrom},
     * {@code validUntil}): either measured ({@code measurement} set) or a custody participant awaiting release
     * ({@code measurement} null, counted by the take-up date).
     *
     * @param validUntil exclusive; null when nothing recorded so far changes it later
     */
    public record Episode(Measurement measurement, LocalDate takeUp, LocalDate validFrom, LocalDate validUntil) {
        public boolean awaitingRelease() {
            return measurement == null;
        }
    }

    /**
     * The person's index date as of a date, ignoring every fact dated after it (DOMAIN.md "As of a date"); empty when
     * they have not taken up by then, or are in custody awaiting release.
     *
     * @param asOf null for everything recorded
     */
    public static Optional<LocalDate> indexDate(PersonState p, LocalDate asOf) {
        LocalDate takeUp = p.tookUpOn();
        if (takeUp == null || (asOf != null && takeUp.isAfter(asOf))) {
            return Optional.empty();
        }
        if (p.referral() == null || !CUSTODY.equals(p.referral().setting())) {
            // Community and every other setting: a later release does not move the index date, so the reoffence
            // that caused the prison spell still counts.
            return Optional.of(takeUp);
        }
        Optional<LocalDate> release = p.releases().stream().filter(r -> !r.isBefore(takeUp))
                .filter(r -> asOf == null || !r.isAfter(asOf)).min(Comparator.naturalOrder());
        if (release.isPresent()) {
            return release;
        }
        boolean releasedBefore = p.releases().stream().anyMatch(r -> r.isBefore(takeUp));
        return releasedBefore ? Optional.of(takeUp) : Optional.empty();
    }

    /**
     * The measurement as of a date, or empty when the person is not in the cohort then or cannot be measured (no
     * referral, so no OGRS3 prediction and no breakdown attributes). A job started or sustained after asOf does not
     * put anyone in a job cohort. Whether they reoffended is read from every reconviction: for a matured person
     * (asOf >= start + 547) every reconviction that counts has its sentence on or before asOf anyway, and for a
     * pending one it is never published.
     *
     * @param asOf null for everything recorded
     */
    public static Optional<Measurement> of(PersonState p, Cohort cohort, MeasuredFrom from, LocalDate asOf) {
        if (!measurable(p)) {
            return Optional.empty();
        }
        Optional<LocalDate> index = indexDate(p, asOf);
        if (index.isEmpty()) {
            return Optional.empty();
        }
        LocalDate indexDate = index.get();
        Optional<LocalDate> start = switch (cohort) {
            case ETE -> Optional.of(indexDate);
            case FOUND_WORK -> p.jobs().stream().map(PersonState.Job::startedOn)
                    .filter(d -> !d.isBefore(indexDate) && known(d, asOf))
                    .min(Comparator.naturalOrder()).map(d -> from == MeasuredFrom.INDEX ? indexDate : d);
            case SUSTAINED_WORK -> p.jobs().stream()
                    .filter(j -> !j.startedOn().isBefore(indexDate) && j.sustainedOn() != null
                            && known(j.sustainedOn(), asOf))
                    .map(PersonState.Job::sustainedOn).min(Comparator.naturalOrder())
                    .map(d -> from == MeasuredFrom.INDEX ? indexDate : d);
        };
        return start.map(s -> new Measurement(indexDate, s, reoffended(p, s), p.referral().ogrs3OneYear()));
    }

    /** As {@link #of(PersonState, Cohort, MeasuredFrom, LocalDate)} with everything recorded. */
    public static Optional<Measurement> of(PersonState p, Cohort cohort, MeasuredFrom from) {
        return of(p, cohort, from, null);
    }

    /** A person with a referral and its OGRS3 prediction: the analysis can place and predict them. */
    public static boolean measurable(PersonState p) {
        return p != null && p.referral() != null && p.referral().ogrs3OneYear() != null;
    }

    /**
     * Every as-of date from take-up on, split where the person's measurement changes. The state can only change on
     * the date of a fact (take-up, release, job start, sustainment), so the measurement is computed once per such
     * date and consecutive equal states are merged. Empty for a person who is not measurable or has not taken up.
     */
    public static List<Episode> episodes(PersonState p, Cohort cohort, MeasuredFrom from) {
        if (!measurable(p) || p.tookUpOn() == null) {
            return List.of();
        }
        LocalDate takeUp = p.tookUpOn();
        TreeSet<LocalDate> changes = new TreeSet<>();
        changes.add(takeUp);
        if (CUSTODY.equals(p.referral().setting())) {
            p.releases().stream().filter(r -> r.isAfter(takeUp)).forEach(changes::add);
        }
        for (PersonState.Job j : p.jobs()) {
            if (j.startedOn().isAfter(takeUp)) {
                changes.add(j.startedOn());
            }
            if (j.sustainedOn() != null && j.sustainedOn().isAfter(takeUp)) {
                changes.add(j.sustainedOn());
            }
        }
        List<Episode> out = new ArrayList<>();
        Episode open = null;
        boolean openAwaiting = false;
        for (LocalDate day : changes) {
            Optional<Measurement> m = of(p, cohort, from, day);
            boolean awaiting = m.isEmpty() && indexDate(p, day).isEmpty();
            Measurement now = m.orElse(null);
            if (open != null && awaiting == openAwaiting && Objects.equals(open.measurement(), now)) {
                continue; // unchanged
            }
            if (open != null) {
                out.add(new Episode(open.measurement(), takeUp, open.validFrom(), day));
                open = null;
            }
            if (now != null || awaiting) {
                open = new Episode(now, takeUp, day, null);
                openAwaiting = awaiting;
            }
        }
        if (open != null) {
            out.add(open);
        }
        return out;
    }

    private static boolean known(LocalDate date, LocalDate asOf) {
        return asOf == null || !date.isAfter(asOf);
    }

    static boolean reoffended(PersonState p, LocalDate start) {
        LocalDate lastOffence = start.plusDays(FOLLOW_UP_DAYS);
        LocalDate lastSentence = start.plusDays(MATURITY_DAYS);
        return p.reconvictions().stream().anyMatch(r -> r.offenceDate().isAfter(start)
                && !r.offenceDate().isAfter(lastOffence) && !r.sentenceDate().isAfter(lastSentence));
    }
}
