package org.ete.analysis.reoffending;

import org.ete.analysis.projection.PersonState;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Optional;

/**
 * One person's one-year reoffending measurement for one cohort and follow-up start, as DOMAIN.md defines it.
 *
 * @param indexDate  take-up, or the first release from custody on or after take-up
 * @param start      when follow-up starts (the index date, or the job start / sustainment date)
 * @param reoffended a reconviction with start < offenceDate <= start + 365 and sentenceDate <= start + 547
 * @param predicted  OGRS3 one-year probability (0..1)
 */
public record Measurement(LocalDate indexDate, LocalDate start, boolean reoffended, double predicted) {
    public static final int FOLLOW_UP_DAYS = 365;
    /** 365 days of follow-up plus the 182-day waiting period for court outcomes. */
    public static final int MATURITY_DAYS = 547;

    /** Matured once asOf >= start + 547 days; before that the person is pending, never a non-reoffender. */
    public LocalDate maturesOn() {
        return start.plusDays(MATURITY_DAYS);
    }

    public boolean maturedBy(LocalDate asOf) {
        return !asOf.isBefore(maturesOn());
    }

    /** The index date, or empty if the person has not taken up the service. */
    public static Optional<LocalDate> indexDate(PersonState p) {
        if (p.tookUpOn() == null) {
            return Optional.empty();
        }
        LocalDate takeUp = p.tookUpOn();
        return Optional.of(p.releases().stream().filter(r -> !r.isBefore(takeUp)).min(Comparator.naturalOrder())
                .orElse(takeUp));
    }

    /**
     * The measurement, or empty when the person is not in the cohort or cannot be measured (no referral, so no
     * OGRS3 prediction and no breakdown attributes).
     */
    public static Optional<Measurement> of(PersonState p, Cohort cohort, MeasuredFrom from) {
        if (p.referral() == null || p.referral().ogrs3OneYear() == null) {
            return Optional.empty();
        }
        Optional<LocalDate> index = indexDate(p);
        if (index.isEmpty()) {
            return Optional.empty();
        }
        LocalDate indexDate = index.get();
        Optional<LocalDate> start = switch (cohort) {
            case ETE -> Optional.of(indexDate);
            case FOUND_WORK -> p.jobs().stream().map(PersonState.Job::startedOn).filter(d -> !d.isBefore(indexDate))
                    .min(Comparator.naturalOrder()).map(d -> from == MeasuredFrom.INDEX ? indexDate : d);
            case SUSTAINED_WORK -> p.jobs().stream()
                    .filter(j -> !j.startedOn().isBefore(indexDate) && j.sustainedOn() != null)
                    .map(PersonState.Job::sustainedOn).min(Comparator.naturalOrder())
                    .map(d -> from == MeasuredFrom.INDEX ? indexDate : d);
        };
        return start.map(s -> new Measurement(indexDate, s, reoffended(p, s), p.referral().ogrs3OneYear()));
    }

    static boolean reoffended(PersonState p, LocalDate start) {
        LocalDate lastOffence = start.plusDays(FOLLOW_UP_DAYS);
        LocalDate lastSentence = start.plusDays(MATURITY_DAYS);
        return p.reconvictions().stream().anyMatch(r -> r.offenceDate().isAfter(start)
                && !r.offenceDate().isAfter(lastOffence) && !r.sentenceDate().isAfter(lastSentence));
    }
}
