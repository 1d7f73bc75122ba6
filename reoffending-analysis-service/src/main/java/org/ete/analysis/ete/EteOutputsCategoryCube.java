package org.ete.analysis.ete;

import org.ete.analysis.projection.PersonState;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Pre-aggregated dated outputs by category: courses completed by qualification (Fig. 1 of the 2021 evaluation) and
 * jobs started by sector (Fig. 2). A query sums cells, so its time is bounded by categories x days, not by people.
 *
 * <p>Besides the number of outputs a row also needs the number of distinct people behind them (the size disclosure
 * control applies to), which is not a sum over days: a person with two CSCS completions in the window is one person.
 * So each output's cell also records the date of the same person's previous output in the same category ("prev";
 * none for the first). Of a person's outputs dated in [from, to] exactly one (the earliest) has prev < from, so the
 * distinct people in the window = the outputs in the window whose prev is before {@code from}: exact, and still a sum
 * over cells. The total row uses the previous output in any category, so it counts people once across categories.
 * Not thread-safe: {@link EteOutputsAggregates} guards it with the people index's lock.
 */
public final class EteOutputsCategoryCube {
    /** One output of a person: its category, date and (for a course) whether the qualification was achieved. */
    public record Output(String category, LocalDate on, boolean achieved) {
    }

    /**
     * A row's figures: outputs, of which achieved, and distinct people; with the sums of the record keys behind each
     * (cell-key perturbation, ADR 0010: every output carries its person's record key).
     */
    public record Tally(long outputs, long achieved, long people, long outputsKeys, long achievedKeys,
                        long peopleKeys) {
        public Tally(long outputs, long achieved, long people) {
            this(outputs, achieved, people, 0, 0, 0);
        }
    }

    /** The answer for a window: per category, and the total over all categories (people counted once). */
    public record Result(Map<String, Tally> categories, Tally total) {
    }

    /** Courses completed (with or without the qualification achieved), on or after the person's take-up. */
    public static List<Output> coursesCompleted(PersonState p) {
        if (p.tookUpOn() == null) {
            return List.of();
        }
        List<Output> out = new ArrayList<>();
        for (PersonState.Course c : p.courses()) {
            if (c.completedOn() != null && c.qualification() != null && !c.completedOn().isBefore(p.tookUpOn())) {
                out.add(new Output(c.qualification(), c.completedOn(), Boolean.TRUE.equals(c.achieved())));
            }
        }
        return out;
    }

    /** Jobs started on or after the person's take-up (the ETE outputs' definition of finding work). */
    public static List<Output> jobsStarted(PersonState p) {
        List<Output> out = new ArrayList<>();
        for (PersonState.Job j : p.jobsSinceTakeUp()) {
            if (j.sector() != null) {
                out.add(new Output(j.sector(), j.startedOn(), false));
            }
        }
        return out;
    }

    /** The category key of the total (not a wire value: control characters are never a category). */
    private static final String TOTAL = "\u0000total";
    /** "No previous output": below any day a query can ask for. */
    private static final int NONE = Integer.MIN_VALUE;

    private record CellKey(String category, int day, int previousDay) {
    }

    private static final class Cell {
        long outputs;
        long achieved;
        long outputsKeys;
        long achievedKeys;
    }

    private final Function<PersonState, List<Output>> outputs;
    private final ToIntFunction<String> recordKeys;
    private final Map<CellKey, Cell> cells = new HashMap<>();

    public EteOutputsCategoryCube(Function<PersonState, List<Output>> outputs) {
        this(outputs, id -> 0);
    }

    /** @param recordKeys each person's record key for cell-key perturbation, by person id */
    public EteOutputsCategoryCube(Function<PersonState, List<Output>> outputs, ToIntFunction<String> recordKeys) {
        this.outputs = outputs;
        this.recordKeys = recordKeys;
    }

    /** Adds ({@code sign} +1) or removes (-1) one person's outputs. */
    public void add(PersonState person, int sign) {
        if (person == null) {
            return;
        }
        List<Output> all = new ArrayList<>(outputs.apply(person));
        if (all.isEmpty()) {
            return;
        }
        all.sort(Comparator.comparing(Output::on));
        Map<String, List<Output>> byCategory = new LinkedHashMap<>();
        for (Output o : all) {
            byCategory.computeIfAbsent(o.category(), c -> new ArrayList<>()).add(o);
        }
        int recordKey = recordKeys.applyAsInt(person.personId());
        byCategory.forEach((category, list) -> addChain(category, list, sign, recordKey));
        addChain(TOTAL, all, sign, recordKey);
    }

    private void addChain(String category, List<Output> sorted, int sign, int recordKey) {
        int previous = NONE;
        for (Output o : sorted) {
            int day = (int) o.on().toEpochDay();
            CellKey key = new CellKey(category, day, previous);
            Cell cell = cells.computeIfAbsent(key, k -> new Cell());
            cell.outputs += sign;
            cell.achieved += o.achieved() ? sign : 0;
            cell.outputsKeys += (long) sign * recordKey;
            cell.achievedKeys += o.achieved() ? (long) sign * recordKey : 0;
            if (cell.outputs == 0) {
                cells.remove(key);
            }
            previous = day;
        }
    }

    /** Outputs dated in [from, to] (null = unbounded), per category and in total. */
    public Result query(LocalDate from, LocalDate to) {
        int fromDay = from == null ? NONE + 1 : (int) from.toEpochDay();
        int toDay = to == null ? Integer.MAX_VALUE : (int) to.toEpochDay();
        Map<String, long[]> sums = new HashMap<>();
        for (Map.Entry<CellKey, Cell> e : cells.entrySet()) {
            CellKey k = e.getKey();
            if (k.day() < fromDay || k.day() > toDay) {
                continue;
            }
            long[] s = sums.computeIfAbsent(k.category(), c -> new long[6]);
            s[0] += e.getValue().outputs;
            s[1] += e.getValue().achieved;
            s[3] += e.getValue().outputsKeys;
            s[4] += e.getValue().achievedKeys;
            if (k.previousDay() < fromDay) {
                s[2] += e.getValue().outputs; // the person's first output in the window: one person
                s[5] += e.getValue().outputsKeys;
            }
        }
        Map<String, Tally> categories = new HashMap<>();
        Tally total = new Tally(0, 0, 0);
        for (Map.Entry<String, long[]> e : sums.entrySet()) {
            long[] v = e.getValue();
            Tally t = new Tally(v[0], v[1], v[2], v[3], v[4], v[5]);
            if (e.getKey().equals(TOTAL)) {
                total = t;
            } else {
                categories.put(e.getKey(), t);
            }
        }
        return new Result(categories, total);
    }

    int cellCount() {
        return cells.size();
    }
}
