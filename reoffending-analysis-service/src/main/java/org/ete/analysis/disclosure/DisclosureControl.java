package org.ete.analysis.disclosure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Small-number suppression for one breakdown (its group rows plus its total row).
 *
 * <p>Rules:
 * <ol>
 *   <li><b>Primary</b>: any row, group or total, whose size is below the threshold (default 10) is
 *       suppressed. The size is the number the threshold applies to: matured people for
 *       reoffending figures, people for ETE and Academy counts. A size of 0 is below any positive
 *       threshold and is suppressed too (a zero is as revealing as a one).</li>
 *   <li><b>Secondary</b>: if exactly one group row is primarily suppressed and the total is shown,
 *       its value could be recovered as total minus the other groups, so one more row is
 *       suppressed:
 *       <ul>
 *         <li>if the breakdown has other groups, the smallest of them (ties broken by key, in
 *             {@link String#compareTo} order, so the choice is deterministic); suppressing the
 *             smallest hides the least information;</li>
 *         <li>if it has no other group, the total.</li>
 *       </ul>
 *       When the total is itself suppressed nothing more is needed: without the total there is
 *       nothing to subtract from. With two or more primary suppressions no secondary is added.</li>
 * </ol>
 * A suppressed row must be published with no count or rate, only {@code suppressed: true}.
 *
 * <p><b>Across breakdowns</b> ({@link #applyTable}): a breakdown by two or three dimensions (team x gender, ...) is
 * published beside the coarser breakdowns of the same cohort, window and as-of date (by team, by gender, the total),
 * which any analyst can also ask for. Each <i>line</i> of the table (the cells that differ in one dimension only,
 * e.g. one team's gender cells) adds up to a row of the coarser breakdown without that dimension (the team's row of
 * {@code by=team}). So for every line of every dimension, until nothing changes:
 * <ol>
 *   <li>if the line's margin is <i>shown</i> by the coarser breakdown (decided by these same rules, recursively, so
 *       that this table and that query agree) and exactly one cell of the line is suppressed, one more cell of the
 *       line is suppressed: the smallest shown one, preferring a cell that is not alone in a line of another
 *       dimension (a cell alone in a line equals that line's margin, so hiding it would hide nothing);</li>
 *   <li>if the margin is <i>suppressed</i> by the coarser breakdown and no cell of the line is, the smallest cell of
 *       the line is suppressed: otherwise the shown cells would add up to the margin that breakdown hides, and give
 *       its own suppressed row away by subtraction there;</li>
 *   <li>the whole table against its total, as for one dimension: a lone suppressed cell takes the smallest shown
 *       cell with it.</li>
 * </ol>
 * After this no published margin (total, one- or two-way breakdown over the same people) minus the cells shown
 * isolates a suppressed cell: every line with a published margin has none or at least two suppressed cells (the
 * usual "two per line" condition of cell suppression). It does not rule out bounding a cell between limits by
 * linear programming over many lines, nor differencing across windows or as-of dates; cell-key perturbation
 * (ADR 0010) answers those.
 */
public final class DisclosureControl {

    /** The threshold the domain specification gives; the services make it configurable. */
    public static final int DEFAULT_THRESHOLD = 10;

    private DisclosureControl() {
    }

    /** Whether and why a row is suppressed. */
    public enum Suppression {
        /** Shown. */
        NONE,
        /** Below the threshold itself. */
        PRIMARY,
        /** Large enough, but hidden so that a primary suppression cannot be recovered by subtraction. */
        SECONDARY;

        public boolean suppressed() {
            return this != NONE;
        }
    }

    /** A group row of the breakdown: its key and the size the threshold applies to. */
    public record Row(String key, long size) {
        public Row {
            Objects.requireNonNull(key, "key");
            if (size < 0) {
                throw new IllegalArgumentException("size must be >= 0, got " + size + " for " + key);
            }
        }
    }

    /** The decision for one group row. */
    public record RowDecision(String key, long size, Suppression suppression) {
        public boolean suppressed() {
            return suppression.suppressed();
        }
    }

    /**
     * @param groups    one decision per input group, in input order
     * @param totalSize the total row's size
     * @param total     the decision for the total row
     * @param threshold the threshold applied
     */
    public record Result(List<RowDecision> groups, long totalSize, Suppression total, long threshold) {
        public Result {
            groups = List.copyOf(groups);
        }

        /** The decision for the group with this key. */
        public Suppression group(String key) {
            for (RowDecision decision : groups) {
                if (decision.key().equals(key)) {
                    return decision.suppression();
                }
            }
            throw new IllegalArgumentException("no group " + key);
        }

        public boolean totalSuppressed() {
            return total.suppressed();
        }
    }

    /** Applies the rules with the default threshold of {@value #DEFAULT_THRESHOLD}. */
    public static Result apply(List<Row> groups, long totalSize) {
        return apply(groups, totalSize, DEFAULT_THRESHOLD);
    }

    /**
     * Applies the rules.
     *
     * @param groups    the breakdown's group rows (keys unique)
     * @param totalSize the total row's size
     * @param threshold rows with size < threshold are suppressed; 0 suppresses nothing
     * @throws IllegalArgumentException for duplicate keys or a negative size or threshold
     */
    public static Result apply(List<Row> groups, long totalSize, long threshold) {
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold must be >= 0, got " + threshold);
        }
        if (totalSize < 0) {
            throw new IllegalArgumentException("total size must be >= 0, got " + totalSize);
        }
        Set<String> keys = new HashSet<>();
        for (Row row : groups) {
            if (!keys.add(row.key())) {
                throw new IllegalArgumentException("duplicate group key " + row.key());
            }
        }

        List<Suppression> decisions = new ArrayList<>(groups.size());
        // The total less the shown rows is the sum of the hidden ones. It pins a hidden row down when it is the only
        // one, or the only non-empty one (an empty row is no cover: another view, an unassessed funnel group say, can
        // tell which rows are empty). Either way one more row is hidden. Several empty rows alone reveal only that
        // they are empty, which discloses nobody.
        int primaryGroups = 0;
        int primaryNonEmpty = 0;
        for (Row row : groups) {
            boolean below = row.size() < threshold;
            decisions.add(below ? Suppression.PRIMARY : Suppression.NONE);
            if (below) {
                primaryGroups++;
                if (row.size() > 0) {
                    primaryNonEmpty++;
                }
            }
        }
        Suppression total = totalSize < threshold ? Suppression.PRIMARY : Suppression.NONE;

        boolean pinned = primaryNonEmpty == 1 || primaryGroups == 1;
        if (pinned && !total.suppressed()) {
            int next = indexOfSmallestShown(groups, decisions);
            if (next < 0) {
                total = Suppression.SECONDARY; // no shown row to hide with it: hide the total
            } else {
                decisions.set(next, Suppression.SECONDARY);
            }
        }

        List<RowDecision> result = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            Row row = groups.get(i);
            result.add(new RowDecision(row.key(), row.size(), decisions.get(i)));
        }
        return new Result(result, totalSize, total, threshold);
    }

    /** A cell of a breakdown by one or more dimensions: its dimension values in {@code by} order and its size. */
    public record Cell(List<String> key, long size) {
        public Cell {
            key = List.copyOf(key);
            if (size < 0) {
                throw new IllegalArgumentException("size must be >= 0, got " + size + " for " + key);
            }
        }
    }

    /** How {@link #applyTable} names a cell in its {@link Result}: the dimension values joined by U+001F. */
    public static String key(List<String> values) {
        return String.join(SEPARATOR, values);
    }

    static final String SEPARATOR = "\u001f";

    /**
     * Applies the rules to a breakdown by {@code dimensions} dimensions, taking into account the margins the coarser
     * breakdowns of the same people publish (see the class comment). With one dimension this is {@link #apply}.
     * The result's group keys are {@link #key(List)} of the cells' keys, in input order.
     *
     * @param cells      the table's non-empty cells (keys unique, each of {@code dimensions} values)
     * @param dimensions the number of dimensions (0 for no breakdown: only the total is decided)
     */
    public static Result applyTable(List<Cell> cells, int dimensions, long totalSize, long threshold) {
        if (dimensions <= 1) {
            return apply(cells.stream().map(c -> new Row(key(c.key()), c.size())).toList(), totalSize, threshold);
        }
        for (Cell c : cells) {
            if (c.key().size() != dimensions) {
                throw new IllegalArgumentException("cell " + c.key() + " does not have " + dimensions + " values");
            }
        }
        List<Suppression> decisions = new ArrayList<>();
        for (Cell c : cells) {
            decisions.add(c.size() < threshold ? Suppression.PRIMARY : Suppression.NONE);
        }
        Suppression total = totalSize < threshold ? Suppression.PRIMARY : Suppression.NONE;

        // The coarser breakdowns, one per dimension left out, decided by these same rules.
        List<Map<List<String>, List<Integer>>> lines = new ArrayList<>();
        List<Result> coarser = new ArrayList<>();
        for (int d = 0; d < dimensions; d++) {
            Map<List<String>, List<Integer>> byMargin = new TreeMap<>(
                    Comparator.comparing(DisclosureControl::key));
            for (int i = 0; i < cells.size(); i++) {
                byMargin.computeIfAbsent(without(cells.get(i).key(), d), k -> new ArrayList<>()).add(i);
            }
            lines.add(byMargin);
            List<Cell> margins = new ArrayList<>();
            byMargin.forEach((margin, members) -> margins.add(
                    new Cell(margin, members.stream().mapToLong(i -> cells.get(i).size()).sum())));
            coarser.add(applyTable(margins, dimensions - 1, totalSize, threshold));
        }

        boolean changed = true;
        while (changed) {
            changed = false;
            for (int d = 0; d < dimensions; d++) {
                for (var line : lines.get(d).entrySet()) {
                    boolean marginShown = !coarser.get(d).group(key(line.getKey())).suppressed();
                    long hidden = line.getValue().stream().filter(i -> decisions.get(i).suppressed()).count();
                    boolean needsOne = marginShown ? hidden == 1 && line.getValue().size() > 1 : hidden == 0;
                    if (needsOne) {
                        int next = candidate(cells, decisions, line.getValue(), lines, d);
                        if (next >= 0) {
                            decisions.set(next, Suppression.SECONDARY);
                            changed = true;
                        }
                    }
                }
            }
            long hidden = decisions.stream().filter(Suppression::suppressed).count();
            if (hidden == 1 && !total.suppressed()) {
                if (cells.size() == 1) {
                    total = Suppression.SECONDARY;
                } else {
                    List<Integer> all = new ArrayList<>();
                    for (int i = 0; i < cells.size(); i++) {
                        all.add(i);
                    }
                    decisions.set(candidate(cells, decisions, all, lines, -1), Suppression.SECONDARY);
                    changed = true;
                }
            }
        }
        List<RowDecision> result = new ArrayList<>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            result.add(new RowDecision(key(cells.get(i).key()), cells.get(i).size(), decisions.get(i)));
        }
        return new Result(result, totalSize, total, threshold);
    }

    /**
     * The next cell to suppress in a line: the smallest shown one (ties by key), preferring cells that are not alone
     * in a line of another dimension than {@code along}; -1 if every cell of the line is suppressed.
     */
    private static int candidate(List<Cell> cells, List<Suppression> decisions, List<Integer> line,
                                 List<Map<List<String>, List<Integer>>> lines, int along) {
        Comparator<Integer> order = Comparator
                .<Integer>comparingInt(i -> aloneElsewhere(cells, i, lines, along) ? 1 : 0)
                .thenComparingLong(i -> cells.get(i).size()).thenComparing(i -> key(cells.get(i).key()));
        return line.stream().filter(i -> !decisions.get(i).suppressed()).min(order).orElse(-1);
    }

    private static boolean aloneElsewhere(List<Cell> cells, int i,
                                          List<Map<List<String>, List<Integer>>> lines, int along) {
        for (int d = 0; d < lines.size(); d++) {
            if (d != along && lines.get(d).get(without(cells.get(i).key(), d)).size() == 1) {
                return true;
            }
        }
        return false;
    }

    private static List<String> without(List<String> key, int dimension) {
        List<String> out = new ArrayList<>(key);
        out.remove(dimension);
        return out;
    }

    private static int indexOfSmallestShown(List<Row> groups, List<Suppression> decisions) {
        Comparator<Row> smallestFirst = Comparator.comparingLong(Row::size).thenComparing(Row::key);
        int best = -1;
        for (int i = 0; i < groups.size(); i++) {
            if (decisions.get(i).suppressed()) {
                continue;
            }
            if (best < 0 || smallestFirst.compare(groups.get(i), groups.get(best)) < 0) {
                best = i;
            }
        }
        return best;
    }
}
