package org.ete.eventkit.relay;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The outbox relay ({@link OutboxRelay}): how appended events reach the service's topic. */
@ConfigMapping(prefix = "ete.relay")
public interface RelayConfig {
    /**
     * Whether this instance publishes its outbox. Off only in tests that simulate a crash between append and
     * publish; the events then wait in the store until a relay runs.
     */
    @WithDefault("true")
    boolean enabled();

    /** Events sent per round, and per read of the outbox by a sweep. */
    @WithDefault("500")
    int batchSize();

    /** How long the relay thread waits for an append before it looks again. */
    @WithDefault("PT1S")
    Duration idlePoll();

    /**
     * How often the outbox is swept for events the in-memory fast path cannot know (appended by an instance that
     * crashed before publishing). A sweep is a collection scan on the embedded MongoDB server, hence not per event.
     */
    @WithDefault("PT60S")
    Duration sweepInterval();
}
