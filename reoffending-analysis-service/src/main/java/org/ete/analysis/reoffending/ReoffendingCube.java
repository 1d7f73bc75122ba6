package org.ete.analysis.reoffending;

import org.ete.analysis.breakdown.Dimension;
import org.ete.analysis.projection.PersonState;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Pre-aggregated one-year reoffending counts for one cohort, follow-up start and list of breakdown dimensions.
 * A cell is (group, index day, maturity day) holding people, reoffended, sum p and sum p(1-p). A query reads
 * cells, not people, so its time is bounded by groups x days, not by the population (ADR 0003).
 * Not thread-safe: {@link ReoffendingCubes} guards it with the people index's lock.
 */
public final class ReoffendingCube {
    static final String SEPARATOR = "\u001f";

    /**
     * Sums over a set of people; {@code variance} = sum p(1-p), the Poisson-binomial variance of O. Probabilities
     * are summed in fixed point (units of 1e-12) so the sums are exact: the same set of people gives bit-identical
     * answers whatever order their events arrived in, which floating-point add/subtract cannot promise.
     */
    public static final class Sums {
        static final double SCALE = 1e12;
        long people;
        long reoffended;
        long expected;
        long variance;
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
    }

    /** Per group: everyone in the window, and the matured subset the rates are computed on. */
    public record GroupSums(Sums all, Sums matured) {
    }

    private record CellKey(String group, int indexDay, int maturesDay) {
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
        Optional<Measurement> m = Measurement.of(person, cohort, measuredFrom);
        if (m.isEmpty()) {
            return;
        }
        Measurement measurement = m.get();
        StringBuilder group = new StringBuilder();
        for (int i = 0; i < dimensions.size(); i++) {
            if (i > 0) {
                group.append(SEPARATOR);
            }
            group.append(dimensions.get(i).valueOf(person, measurement.indexDate()));
        }
        CellKey key = new CellKey(group.toString(), (int) measurement.indexDate().toEpochDay(),
                (int) measurement.maturesOn().toEpochDay());
        Sums one = new Sums();
        one.people = 1;
        one.reoffended = measurement.reoffended() ? 1 : 0;
        one.expected = Math.round(measurement.predicted() * Sums.SCALE);
        one.variance = Math.round(measurement.predicted() * (1 - measurement.predicted()) * Sums.SCALE);
        one.keys = recordKeys.applyAsInt(person.personId());
        one.reoffendedKeys = measurement.reoffended() ? one.keys : 0;
        Sums cell = cells.computeIfAbsent(key, k -> new Sums());
        cell.add(one, sign);
        if (cell.people == 0) {
            cells.remove(key); // keep the scan proportional to occupied cells
        }
    }

    /** Sums per group (dimension values joined in {@code by} order) for index dates in [from, to]. */
    public Map<List<String>, GroupSums> query(LocalDate from, LocalDate to, LocalDate asOf) {
        int fromDay = from == null ? Integer.MIN_VALUE : (int) from.toEpochDay();
        int toDay = to == null ? Integer.MAX_VALUE : (int) to.toEpochDay();
        int asOfDay = (int) asOf.toEpochDay();
        Map<String, GroupSums> byGroup = new HashMap<>();
        for (Map.Entry<CellKey, Sums> e : cells.entrySet()) {
            CellKey k = e.getKey();
            if (k.indexDay < fromDay || k.indexDay > toDay) {
                continue;
            }
            GroupSums g = byGroup.computeIfAbsent(k.group, x -> new GroupSums(new Sums(), new Sums()));
            g.all().add(e.getValue(), 1);
            if (k.maturesDay <= asOfDay) {
                g.matured().add(e.getValue(), 1);
            }
        }
        Map<List<String>, GroupSums> out = new HashMap<>();
        byGroup.forEach((k, v) -> out.put(dimensions.isEmpty() ? List.of() : List.of(k.split(SEPARATOR, -1)), v));
        return out;
    }

    int cellCount() {
        return cells.size();
    }
}
