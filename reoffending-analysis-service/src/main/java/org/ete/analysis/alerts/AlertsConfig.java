package org.ete.analysis.alerts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** The team and area alerts: what {@link AlertMonitor} watches, how often, and how long it waits for the broker. */
@ConfigMapping(prefix = "ete.alerts")
public interface AlertsConfig {
    /**
     * Whether this instance evaluates and publishes alerts. On by default: one analysis instance is the normal
     * deployment; a second instance may switch it off, although two monitors are safe (each change is a
     * compare-and-set in {@code alert_status}). Environment: {@code ALERTS_ENABLED}.
     */
    @WithDefault("${ALERTS_ENABLED:true}")
    boolean enabled();

    /**
     * Time between two evaluations. 30 s: an alert follows the data within a minute, while an evaluation (a few
     * cube reads per dimension) stays negligible load. Environment: {@code ALERTS_INTERVAL}.
     */
    @WithDefault("${ALERTS_INTERVAL:30s}")
    Duration interval();

    /**
     * The dimensions whose groups are watched, by wire name. Every breakdown dimension but the index quarter: the RAT
     * alerts "a team or area", and DOMAIN.md has the same test flag a demographic group whose needs are not met.
     * Environment: {@code ALERTS_DIMENSIONS}, comma-separated.
     */
    @WithDefault("${ALERTS_DIMENSIONS:team,contract-area,region,office,setting,gender,age-band,ethnicity,disability,"
            + "offence-category}")
    List<String> dimensions();

    /**
     * How long a publish waits for the broker's acknowledgement (acks=all) before the change is left pending for the
     * next evaluation to publish again. 30 s: long enough for a leader election, short enough that a monitor round
     * never stalls for minutes while the broker is away.
     */
    @WithDefault("30s")
    Duration publishTimeout();
}
