package org.ete.analysis.disclosure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Cell-key perturbation of the published figures (ADR 0010). A count is perturbed by the {@link PTable} from its
 * cell key, the sum of its people's record keys ({@link RecordKeys}); a magnitude (a sum of OGRS3 probabilities)
 * is multiplied by 1 + {@link #MAGNITUDE_SCALE} u / sqrt(n), where u in (-1, 1) is drawn from the cell key too
 * (as the ABS's TableBuilder perturbs continuous totals from the same record keys): the same people give the same
 * figures in every query, and a month's difference of people gives unrelated noise on both. Rates, intervals,
 * ratios, z and p-values are then computed from the perturbed counts and sums, so the figures of a row agree with
 * one another.
 */
@ApplicationScoped
public class CellKeyPerturbation {
    /**
     * The relative noise on a sum of probabilities over n people is at most 0.25 / sqrt(n): about +-0.35 in E for a
     * group of 10 with a mean probability of 0.35 (one person's probability cannot be read from two windows' E),
     * +-0.08 percentage points on the predicted rate of the seeds' 12,525 people (the acceptance test's tolerance
     * is 0.5 points).
     */
    public static final double MAGNITUDE_SCALE = 0.25;

    private final RecordKeys keys;
    private final boolean enabled;

    @Inject
    CellKeyPerturbation(PerturbationConfig config) {
        this(new RecordKeys(config.key()), config.enabled());
    }

    public CellKeyPerturbation(RecordKeys keys, boolean enabled) {
        this.keys = keys;
        this.enabled = enabled;
    }

    /** No perturbation: the exact figures (pure unit tests of the views, and the test profile's default). */
    public static CellKeyPerturbation off() {
        return new CellKeyPerturbation(null, false);
    }

    public boolean enabled() {
        return enabled;
    }

    /** The person's record key; 0 when perturbation is off (the cubes need not pay for the HMAC then). */
    public int recordKey(String personId) {
        return enabled ? keys.of(personId) : 0;
    }

    /** The published value of a count of people whose record keys sum to {@code recordKeySum}. */
    public long count(long count, long recordKeySum) {
        if (!enabled) {
            return count;
        }
        return count + PTable.noise(count, PTable.cellKey(recordKeySum));
    }

    /**
     * The published value of a sum over {@code people} people (their record keys summing to {@code recordKeySum}),
     * e.g. E = sum of p; {@code stream} separates the noise of different sums over the same people.
     */
    public double magnitude(double value, long people, long recordKeySum, int stream) {
        if (!enabled || people <= 0) {
            return value;
        }
        return value * (1 + MAGNITUDE_SCALE * unit(PTable.cellKey(recordKeySum), stream) / Math.sqrt(people));
    }

    /** A value in (-1, 1) from the cell key, scrambled per stream so it is not the count's noise pattern. */
    static double unit(int cellKey, int stream) {
        long x = (cellKey + 1L) * 0x9E3779B97F4A7C15L + stream * 0xC2B2AE3D27D4EB4FL;
        x ^= x >>> 31;
        x *= 0xBF58476D1CE4E5B9L;
        x ^= x >>> 29;
        return ((x >>> 11) * 0x1.0p-53) * 2 - 1;
    }
}
