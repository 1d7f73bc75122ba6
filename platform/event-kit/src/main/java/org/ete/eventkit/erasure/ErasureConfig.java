package org.ete.eventkit.erasure;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Erasure of a person (ADR "erasure ledger"): the topic's consumer and the ledger's publishing. */
@ConfigMapping(prefix = "ete.erasure")
public interface ErasureConfig {
    /**
     * Consumer group reading {@code privacy.erasures.v1}. The default (event-kit's microprofile-config.properties,
     * {@code <service>-erasures-<database>}) ties the group's offsets to the database they describe: a service on a
     * fresh or restored database reads every erasure again from the start. Environment: ERASURE_GROUP_ID.
     */
    String groupId();

    /** Whether this instance consumes and publishes erasures (tests that drive the pieces by hand turn it off). */
    @WithDefault("true")
    boolean enabled();

    /** How often the erasures not yet published are looked for (an erasure is published at once; this is the safety net). */
    @WithDefault("10s")
    Duration sweepInterval();
}
