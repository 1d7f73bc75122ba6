package org.ete.analysis.reoffending;

import org.ete.analysis.breakdown.Dimension;
import org.ete.analysis.definitions.CalendarMonths;
import org.ete.analysis.projection.PersonState;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Pre-aggregated one-year reoffending counts for one cohort, follow-up start and list of breakdown dimensions.
 * A cell is (group, index month, the first as-of month the person counts as matured in, the as-of months the entry
 * holds for, awaiting release) holding people, reoffended, sum p, sum p(1-p) and sum p(1-p)(1-2p). A query reads
 * cells, not people, so its time is bounded by groups x months, not by the population (ADR 0003).
 *
 * <p>Months suffice because windows and as-of dates are whole calendar months (ADR 0010): {@code from} and
 * {@code asOf} are the first day of a month, {@code to} the last. "asOf >= d" for a first-of-month asOf is "asOf's
 * month >= the month of the first first-of-month on or after d" ({@link CalendarMonths#ceil}). Each person enters as the
 * {@link Measurement#episodes episodes} of their measurement, so asOf is a snapshot: an entry counts only for the
 * as-of months in which the facts dated up to asOf give it (DOMAIN.md "As of a date").
 * Not thread-safe: {@link ReoffendingCubes} guards it with the people index's lock.
 */
public final class ReoffendingCube {
    static final String SEPARATOR = "\u001f";

    /**
     * Sums over a set of people; {@code variance} = sum p(1-p), the Poisson-binomial variance of O, and {@code skew}
     * = sum p(1-p)(1-2p), its third cumulant (the refined p-value). Probabilities are summed in fixed point (units of
     * 1e-12) so the sums are exact: the same set of people gives bit-identical answers whatever order their events
     * arrived in, which floating-point add/subtract cannot promise.
     */
    public static final class Sums {
        static final double SCALE = 1e12;
        long people;
        long reoffended;
        long expected;
        long variance;
        long skew;
        /** Sums of the record keys (cell-key perturbation, ADR 0010) of the people and of the reoffenders. */
        long keys;
        long reoffendedKeys;

        public void add(Sums other) {
            add(other, 1);
        }

        void add(Sums other, int sign) {
            people += sign * other.people;
            reoffended += sign * other.reoffended;
            expected += sign * other.expected;
            variance += sign * other.variance;
            skew += sign * other.skew;
            keys += sign * other.keys;
            reoffendedKeys += sign * other.reoffendedKeys;
        }

        /** The sum of the people's record keys. */
        public long keys() {
            return keys;
        }

        /** The sum of the reoffenders' record keys. */
        public long reoffendedKeys() {
            return reoffendedKeys;
        }

        public long people() {
            return people;
        }

        public long reoffended() {
            return reoffended;
        }

        public double expected() {
            return expected / SCALE;
        }

        public double variance() {
            return variance / SCALE;
        }

        /** sum p^2 = sum p - sum p(1-p), exact in fixed point. */
        public double expectedSquares() {
            return (expected - variance) / SCALE;
        }

        /** sum p(1-p)(1-2p). */
        public double skew() {
            return skew / SCALE;
        }
    }

    /**
     * Per group: everyone in the cohort in the window as of asOf, the matured subset the rates are computed on, and
     * the custody participants who took up in the window and are still awaiting release (in no cohort yet).
     */
    public record GroupSums(Sums all, Sums matured, Sums awaitingRelease) {
    }

    /**
     * @param indexMonth   {@link CalendarMonths#month} of the index date (of the take-up for an awaiting-release entry)
     * @param maturedMonth first as-of month in which the entry counts as matured
     * @param fromMonth    first as-of month the entry holds for
     * @param untilMonth   first as-of month it no longer holds for ({@link Integer#MAX_VALUE}: open)
     */
    private record CellKey(String group, int indexMonth, int maturedMonth, int fromMonth, int untilMonth,
                           boolean awaiting) {
    }

    private final Cohort cohort;
    private final MeasuredFrom measuredFrom;
    private final List<Dimension> dimensions;
    private final ToIntFunction<String> recordKeys;
    private final Map<CellKey, Sums> cells = new HashMap<>();

    ReoffendingCube(Cohort cohort, MeasuredFrom measuredFrom, List<Dimension> dimensions) {
        this(cohort, measuredFrom, dimensions, id -> 0);
    }

    /** @param recordKeys each person's record key for cell-key perturbation, by person id */
    ReoffendingCube(Cohort cohort, MeasuredFrom measuredFrom, List<Dimension> dimensions,
                    ToIntFunction<String> recordKeys) {
        this.cohort = cohort;
        this.measuredFrom = measuredFrom;
        this.dimensions = List.copyOf(dimensions);
        this.recordKeys = recordKeys;
    }

    void add(PersonState person, int sign) {
        if (person == null) {
            return;
        }
        for (Measurement.Episode episode : Measurement.episodes(person, cohort, measuredFrom)) {
            int fromMonth = CalendarMonths.ceil(episode.validFrom());
            int untilMonth = episode.validUntil() == null ? Integer.MAX_VALUE
                    : CalendarMonths.ceil(episode.validUntil());
            if (fromMonth >= untilMonth) {
                continue; // holds for no first-of-month as-of date
            }
            Measurement m = episode.measurement();
            LocalDate placed = m == null ? episode.takeUp() : m.indexDate();
            StringBuilder group = new StringBuilder();
            for (int i = 0; i < dimensions.size(); i++) {
                if (i > 0) {
                    group.append(SEPARATOR);
                }
                group.append(dimensions.get(i).valueOf(person, placed));
            }
            int maturedMonth = m == null ? Integer.MAX_VALUE : CalendarMonths.ceil(m.maturesOn());
            CellKey key = new CellKey(group.toString(), CalendarMonths.month(placed), maturedMonth, fromMonth,
                    untilMonth, m == null);
            Sums one = new Sums();
            one.people = 1;
            one.keys = recordKeys.applyAsInt(person.personId());
            if (m != null) {
                double p = m.predicted();
                one.reoffended = m.reoffended() ? 1 : 0;
                one.expected = Math.round(p * Sums.SCALE);
                one.variance = Math.round(p * (1 - p) * Sums.SCALE);
                one.skew = Math.round(p * (1 - p) * (1 - 2 * p) * Sums.SCALE);
                one.reoffendedKeys = m.reoffended() ? one.keys : 0;
            }
            Sums cell = cells.computeIfAbsent(key, k -> new Sums());
            cell.add(one, sign);
            if (cell.people == 0) {
                cells.remove(key); // keep the scan proportional to occupied cells
            }
        }
    }

    /**
     * Sums per group (dimension values joined in {@code by} order) for index dates in [from, to], as of asOf.
     *
     * @param from null or the first day of a month
     * @param to   null or the last day of a month
     * @param asOf the first day of a month
     * @throws IllegalArgumentException for dates that are not whole months (the API refuses them before this)
     */
    public Map<List<String>, GroupSums> query(LocalDate from, LocalDate to, LocalDate asOf) {
        if ((from != null && from.getDayOfMonth() != 1) || asOf.getDayOfMonth() != 1
                || (to != null && !to.equals(to.withDayOfMonth(to.lengthOfMonth())))) {
            throw new IllegalArgumentException("from and asOf must be the first day of a month and to the last, got "
                    + from + ", " + to + ", " + asOf);
        }
        int fromMonth = from == null ? Integer.MIN_VALUE : CalendarMonths.month(from);
        int toMonth = to == null ? Integer.MAX_VALUE : CalendarMonths.month(to);
        int asOfMonth = CalendarMonths.month(asOf);
        Map<String, GroupSums> byGroup = new HashMap<>();
        for (Map.Entry<CellKey, Sums> e : cells.entrySet()) {
            CellKey k = e.getKey();
            if (k.indexMonth < fromMonth || k.indexMonth > toMonth || asOfMonth < k.fromMonth
                    || asOfMonth >= k.untilMonth) {
                continue;
            }
            GroupSums g = byGroup.computeIfAbsent(k.group, x -> new GroupSums(new Sums(), new Sums(), new Sums()));
            if (k.awaiting) {
                g.awaitingRelease().add(e.getValue(), 1);
                continue;
            }
            g.all().add(e.getValue(), 1);
            if (k.maturedMonth <= asOfMonth) {
                g.matured().add(e.getValue(), 1);
            }
        }
        Map<List<String>, GroupSums> out = new HashMap<>();
        byGroup.forEach((k, v) -> out.put(dimensions.isEmpty() ? List.of() : List.of(k.split(SEPARATOR, -1)), v));
        return out;
    }

    /** Months since year 0: a total order of calendar months. */
    int cellCount() {
        return cells.size();
    }
}
