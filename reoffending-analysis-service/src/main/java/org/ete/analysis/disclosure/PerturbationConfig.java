package org.ete.analysis.disclosure;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Cell-key perturbation of every published count (ADR 0010, {@link CellKeyPerturbation}). */
@ConfigMapping(prefix = "ete.disclosure.perturbation")
public interface PerturbationConfig {
    /**
     * The HMAC-SHA-256 key that turns a person id into the person's record key (environment variable
     * {@code ETE_DISCLOSURE_PERTURBATION_KEY}), at least 32 characters, never published: whoever knows it can compute
     * every cell's noise and undo it. No default: the dev and test profiles set a development key in
     * application.properties; the production profile has none, so the service refuses to start without it and
     * names this property. Changing it changes every published figure by a little (new noise), so keep it stable.
     */
    String key();

    /**
     * Whether published counts are perturbed (environment variable {@code ETE_DISCLOSURE_PERTURBATION_ENABLED}).
     * On by default and in production: without it two windows a month apart, or two as-of dates, give one month's
     * people's outcomes exactly. The test profile turns it off so the ITs can check the exact arithmetic of the
     * views; the disclosure ITs turn it back on.
     */
    @WithDefault("true")
    boolean enabled();
}
