package org.ete.analysis.definitions;

import java.util.List;

/**
 * What every published answer says about itself besides its figures: the version of the definitions it follows and
 * the two caveats of DOMAIN.md "What the figures are not". One place, so the JSON, the CSV and the dashboard say the
 * same words.
 */
public final class Definitions {
    /**
     * The version of DOMAIN.md's reoffending definitions and statistics the answers follow. "2026-12": index date by
     * setting (custody in-reach waits for release), as-of snapshots, funnel centred on the pooled ratio with binomial
     * variance, refined normal p-values. Bump it when a definition changes a published figure.
     */
    public static final String VERSION = "2026-12";

    /** Not causal. */
    public static final String NOT_CAUSAL = "Actual against predicted compares the cohort with OGRS3's expectation for "
            + "people like them; it is not a causal estimate of the service's effect.";
    /** The reconviction proxy under-reports. */
    public static final String PROXY = "Reoffending is a proxy: a new sentence recorded on the case management "
            + "system. It misses cautions and under-reports proven reoffending by about 2-3%.";

    /** Both caveats, in the order the dashboard shows them. */
    public static final List<String> CAVEATS = List.of(NOT_CAUSAL, PROXY);

    /** The caveats as one CSV cell. */
    public static String caveatsCell() {
        return String.join(" ", CAVEATS);
    }

    private Definitions() {
    }
}
