package org.ete.analysis.ete;

import org.ete.analysis.breakdown.Dimension;
import org.ete.analysis.definitions.CalendarMonths;
import org.ete.analysis.projection.PersonState;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Pre-aggregated ETE output counts (took up, found work, sustained) for one list of breakdown dimensions. A cell is
 * (group, take-up day, the first as-of month the person counts as having found work in, the same for sustained); a
 * query sums the cells whose day is in the window, so its time is bounded by groups x days x months, not by the
 * number of people (the same shape as the reoffending cubes, ADR 0003). The months make asOf a snapshot (DOMAIN.md
 * "As of a date"): a take-up, job start or sustainment dated after asOf does not count yet.
 * Not thread-safe: {@link EteOutputsAggregates} guards it with the people index's lock.
 */
public final class EteOutputsCube {
    static final String SEPARATOR = "\u001f";
    /** The group of a person whose referral (and so the dimension's value) has not been seen. */
    public static final String NOT_KNOWN = "not-known";

    /** Counts over a set of people who took up the service. */
    public static final class Counts {
        long tookUp;
        long foundWork;
        long sustained;
        /** Sums of the record keys (cell-key perturbation, ADR 0010) of each count's people; not part of equals. */
        long tookUpKeys;
        long foundWorkKeys;
        long sustainedKeys;

        public Counts() {
        }

        public Counts(long tookUp, long foundWork, long sustained) {
            this.tookUp = tookUp;
            this.foundWork = foundWork;
            this.sustained = sustained;
        }

        public void add(Counts other) {
            add(other, 1);
        }

        void add(Counts other, int sign) {
            tookUp += sign * other.tookUp;
            foundWork += sign * other.foundWork;
            sustained += sign * other.sustained;
            tookUpKeys += sign * other.tookUpKeys;
            foundWorkKeys += sign * other.foundWorkKeys;
            sustainedKeys += sign * other.sustainedKeys;
        }

        public long tookUpKeys() {
            return tookUpKeys;
        }

        public long foundWorkKeys() {
            return foundWorkKeys;
        }

        public long sustainedKeys() {
            return sustainedKeys;
        }

        public long tookUp() {
            return tookUp;
        }

        public long foundWork() {
            return foundWork;
        }

        public long sustained() {
            return sustained;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Counts c && c.tookUp == tookUp && c.foundWork == foundWork && c.sustained == sustained;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(tookUp) * 31 * 31 + Long.hashCode(foundWork) * 31 + Long.hashCode(sustained);
        }

        @Override
        public String toString() {
            return "Counts[tookUp=" + tookUp + ", foundWork=" + foundWork + ", sustained=" + sustained + "]";
        }
    }

    /**
     * @param foundMonth     first as-of month (months since year 0, of a first-of-month asOf) in which the person has
     *                       found work; {@link Integer#MAX_VALUE} when they have not
     * @param sustainedMonth the same for sustained work
     */
    private record CellKey(String group, int takeUpDay, int foundMonth, int sustainedMonth) {
    }

    private final List<Dimension> dimensions;
    private final Map<CellKey, Counts> cells = new HashMap<>();

    private final ToIntFunction<String> recordKeys;

    public EteOutputsCube(List<Dimension> dimensions) {
        this(dimensions, id -> 0);
    }

    /** @param recordKeys each person's record key for cell-key perturbation, by person id */
    public EteOutputsCube(List<Dimension> dimensions, ToIntFunction<String> recordKeys) {
        this.dimensions = List.copyOf(dimensions);
        this.recordKeys = recordKeys;
    }

    /** Adds ({@code sign} +1) or removes (-1) one person; people who have not taken up the service are ignored. */
    public void add(PersonState person, int sign) {
        if (person == null || person.tookUpOn() == null) {
            return;
        }
        LocalDate takeUp = person.tookUpOn();
        StringBuilder group = new StringBuilder();
        for (int i = 0; i < dimensions.size(); i++) {
            if (i > 0) {
                group.append(SEPARATOR);
            }
            group.append(valueOf(dimensions.get(i), person, takeUp));
        }
        List<PersonState.Job> jobs = person.jobsSinceTakeUp();
        int foundMonth = jobs.stream().map(PersonState.Job::startedOn).min(Comparator.naturalOrder())
                .map(CalendarMonths::ceil).orElse(Integer.MAX_VALUE);
        int sustainedMonth = jobs.stream().map(PersonState.Job::sustainedOn).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).map(CalendarMonths::ceil).orElse(Integer.MAX_VALUE);
        boolean found = foundMonth != Integer.MAX_VALUE;
        Counts one = new Counts(1, found ? 1 : 0, found && sustainedMonth != Integer.MAX_VALUE ? 1 : 0);
        int recordKey = recordKeys.applyAsInt(person.personId());
        one.tookUpKeys = recordKey;
        one.foundWorkKeys = one.foundWork * recordKey;
        one.sustainedKeys = one.sustained * recordKey;
        CellKey key = new CellKey(group.toString(), (int) takeUp.toEpochDay(), foundMonth, sustainedMonth);
        Counts cell = cells.computeIfAbsent(key, k -> new Counts());
        cell.add(one, sign);
        if (cell.tookUp == 0) {
            cells.remove(key); // keep the scan proportional to occupied cells
        }
    }

    /**
     * A person's group in one dimension at their take-up date ({@code index-quarter} is the take-up quarter here).
     * Everyone who took up counts, so a person whose referral is not (yet) seen is {@value #NOT_KNOWN} rather than
     * left out as in the reoffending view (which needs the referral's OGRS3 score).
     */
    static String valueOf(Dimension dimension, PersonState person, LocalDate takeUp) {
        if (dimension != Dimension.INDEX_QUARTER && person.referral() == null) {
            return NOT_KNOWN;
        }
        if (dimension == Dimension.AGE_BAND && person.referral().ageBand() == null) {
            return NOT_KNOWN;
        }
        String value = dimension.valueOf(person, takeUp);
        return value == null ? NOT_KNOWN : value;
    }

    /** Counts per group (dimension values in {@code by} order) for take-up dates in [from, to]; null = unbounded. */
    public Map<List<String>, Counts> query(LocalDate from, LocalDate to) {
        return query(from, to, null);
    }

    /**
     * Counts per group for take-up dates in [from, to] as of {@code asOf}: only take-ups, job starts and
     * sustainments dated on or before it count.
     *
     * @param asOf null (everything recorded) or the first day of a month
     * @throws IllegalArgumentException if asOf is not the first day of a month (the API refuses it before this)
     */
    public Map<List<String>, Counts> query(LocalDate from, LocalDate to, LocalDate asOf) {
        if (asOf != null && asOf.getDayOfMonth() != 1) {
            throw new IllegalArgumentException("asOf must be the first day of a month, got " + asOf);
        }
        int fromDay = from == null ? Integer.MIN_VALUE : (int) from.toEpochDay();
        int toDay = to == null ? Integer.MAX_VALUE : (int) to.toEpochDay();
        if (asOf != null) {
            toDay = Math.min(toDay, (int) asOf.toEpochDay());
        }
        int asOfMonth = asOf == null ? Integer.MAX_VALUE - 1 : CalendarMonths.month(asOf);
        Map<String, Counts> byGroup = new HashMap<>();
        for (Map.Entry<CellKey, Counts> e : cells.entrySet()) {
            CellKey k = e.getKey();
            if (k.takeUpDay() < fromDay || k.takeUpDay() > toDay) {
                continue;
            }
            Counts c = e.getValue();
            Counts into = byGroup.computeIfAbsent(k.group(), g -> new Counts());
            // Took up is the cell itself; found work and sustained only once their month has come.
            Counts known = new Counts(c.tookUp, k.foundMonth() <= asOfMonth ? c.foundWork : 0,
                    k.sustainedMonth() <= asOfMonth ? c.sustained : 0);
            known.tookUpKeys = c.tookUpKeys;
            known.foundWorkKeys = k.foundMonth() <= asOfMonth ? c.foundWorkKeys : 0;
            known.sustainedKeys = k.sustainedMonth() <= asOfMonth ? c.sustainedKeys : 0;
            into.add(known);
        }
        Map<List<String>, Counts> out = new HashMap<>();
        byGroup.forEach((k, v) -> out.put(dimensions.isEmpty() ? List.of() : List.of(k.split(SEPARATOR, -1)), v));
        return out;
    }

    int cellCount() {
        return cells.size();
    }
}
