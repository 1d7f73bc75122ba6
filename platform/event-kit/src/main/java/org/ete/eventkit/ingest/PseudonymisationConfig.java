package org.ete.eventkit.ingest;

import io.smallrye.config.ConfigMapping;

/** Pseudonymisation at the door ({@link Pseudonymiser}). */
@ConfigMapping(prefix = "ete.pseudonymisation")
public interface PseudonymisationConfig {
    /**
     * The HMAC-SHA-256 key that turns a case reference into the person id, at least 32 characters, the same in every
     * producing service (environment variable {@code ETE_PSEUDONYMISATION_KEY}). No default: the dev and test
     * profiles set a development key (event-kit's {@code META-INF/microprofile-config.properties}); the production
     * profile has none, so a service started without the key refuses to start and names this property.
     */
    String key();
}
