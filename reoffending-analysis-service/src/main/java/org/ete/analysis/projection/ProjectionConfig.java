package org.ete.analysis.projection;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The projection from the producing services' topics into per-person state (ADR 0004). */
@ConfigMapping(prefix = "ete.projection")
public interface ProjectionConfig {
    /**
     * The consumer group of generation 1, the projection as first deployed; a rebuilt generation n is fed by
     * {@code <group-id>-g<n>} (recorded in {@code projection_meta}, so a restart resumes the right group).
     * {@code reoffending-analysis}: the service's name, the group it has always used. Environment:
     * {@code PROJECTION_GROUP_ID} (the e2e tests give each run its own).
     */
    @WithDefault("${PROJECTION_GROUP_ID:reoffending-analysis}")
    String groupId();

    /**
     * Whether this instance consumes at all. On by default; off for an instance that must not (a read-only copy): it
     * loads the index once at start, is not updated afterwards and cannot rebuild.
     */
    @WithDefault("true")
    boolean enabled();

    /** The blue/green rebuild. */
    Rebuild rebuild();

    interface Rebuild {
        /**
         * Readers switch to a rebuilt generation once it has read every partition to the end offsets captured at the
         * start and nothing is left to read, or this long after the first, so that steady traffic cannot postpone
         * the switch for ever. 10 s: a few polls, enough for records still in flight to arrive; anything later is
         * applied by the rebuilt generation's runner after the switch anyway.
         */
        @WithDefault("10s")
        Duration switchWait();
    }

    /**
     * The topic a record the projection can never apply goes to (with the reason in its headers; MongoDB collection
     * {@code dead_letters} keeps a copy for listing and replay). Read by the {@code dead-letters} channel in
     * application.properties. Environment: {@code PROJECTION_DEAD_LETTER_TOPIC}.
     */
    @WithDefault("${PROJECTION_DEAD_LETTER_TOPIC:analysis.dead-letters.v1}")
    String deadLetterTopic();
}
