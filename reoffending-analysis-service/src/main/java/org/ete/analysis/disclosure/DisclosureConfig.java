package org.ete.analysis.disclosure;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Disclosure control of every published view ({@link DisclosureControl}). */
@ConfigMapping(prefix = "ete.disclosure")
public interface DisclosureConfig {
    /**
     * The fewest people a published row may describe: a row or total of fewer shows no figures, and one more row is
     * suppressed where a lone suppressed row could be recovered by subtraction. 10 is the threshold DOMAIN.md sets
     * for the reoffending, ETE and Academy views alike; it is configuration so a data-sharing agreement can raise it.
     * Every view and the alerts read this one value, so they suppress the same rows.
     */
    @WithDefault("10")
    int threshold();
}
