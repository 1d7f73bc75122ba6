package org.ete.analysis.disclosure;

/**
 * The perturbation table of the cell-key method: (cell count, cell key) -> a small whole number added to the count.
 *
 * <p>The method is the one the ONS used for the flexible tables of Census 2021 ("Protecting personal data in Census
 * 2021 results"; "Comparison of post-tabular statistical disclosure control methods"; the ESSnet Handbook on SDC,
 * ch. 5.4 "the cell key method"): every record has a fixed random record key, a cell's key is the sum of its records'
 * keys modulo the key range, and the ptable row for the cell's count maps each cell key to a noise value, so the same
 * set of people gets the same noise in every table and every query, and a set that differs by one person gets
 * unrelated noise. The ONS's own ptable is not published; this one is ours, with the properties the ONS describes:
 * <ul>
 *   <li>noise in {-2, ..., +2} (a small amount; the maximum is {@link #MAX_NOISE}); half the non-zero cells
 *       unperturbed: P(0) = 128/256, P(+1) = P(-1) = 45/256, P(+2) = P(-2) = 19/256 (mean 0, variance 0.96). The
 *       ONS perturbed about 14% of the cells of a typical census table, mostly the small ones; our population is
 *       much smaller and every published row is a small group of people with criminal-offence data, so more cells
 *       are perturbed;</li>
 *   <li>no count becomes negative: for a count of 1 the -2 keys give -1 (the only row that differs);</li>
 *   <li>a zero count (a cell with no records) has no cell key and is not perturbed: absent groups stay absent,
 *       and 0 reoffenders or 0 pending stays 0 (a published 0 means 0, 1 or 2 people);</li>
 *   <li>the noise does not depend on the size of a large count, so the relative change of a large cell is small
 *       (the seeds' 12,525 matured people move by at most 2, their rate by at most 0.02 points).</li>
 * </ul>
 * The cell key of a set of n >= 1 people is uniform on [0, 256) whatever n (the sum of uniform keys modulo the
 * range), so each noise value has the probability its share of the 256 keys gives it.
 */
public final class PTable {
    /** Record and cell keys lie in [0, KEY_RANGE). */
    public static final int KEY_RANGE = 256;
    /** The largest |noise| the table adds to a count. */
    public static final int MAX_NOISE = 2;

    /** Key ranges, in order: [0, 128) -> 0, [128, 173) -> +1, [173, 218) -> -1, [218, 237) -> +2, [237, 256) -> -2. */
    private static final int[] UPPER = {128, 173, 218, 237, 256};
    private static final int[] NOISE = {0, +1, -1, +2, -2};

    private PTable() {
    }

    /** The noise for a cell of {@code count} records whose key is {@code cellKey}; 0 for a count of 0. */
    public static int noise(long count, int cellKey) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        if (cellKey < 0 || cellKey >= KEY_RANGE) {
            throw new IllegalArgumentException("cell key must be in [0, " + KEY_RANGE + "), got " + cellKey);
        }
        if (count == 0) {
            return 0;
        }
        int noise = 0;
        for (int i = 0; i < UPPER.length; i++) {
            if (cellKey < UPPER[i]) {
                noise = NOISE[i];
                break;
            }
        }
        return (int) Math.max(noise, -count);
    }

    /** The cell key of a set of records from the sum of their record keys (any sign, as cubes add and subtract). */
    public static int cellKey(long recordKeySum) {
        return (int) Math.floorMod(recordKeySum, (long) KEY_RANGE);
    }
}
