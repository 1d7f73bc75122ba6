package org.ete.analysis.disclosure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
        int primaryGroups = 0;
        for (Row row : groups) {
            boolean below = row.size() < threshold;
            decisions.add(below ? Suppression.PRIMARY : Suppression.NONE);
            if (below) {
                primaryGroups++;
            }
        }
        Suppression total = totalSize < threshold ? Suppression.PRIMARY : Suppression.NONE;

        if (primaryGroups == 1 && !total.suppressed()) {
            if (groups.size() == 1) {
                total = Suppression.SECONDARY;
            } else {
                int next = indexOfSmallestShown(groups, decisions);
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
