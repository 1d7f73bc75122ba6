package org.ete.eventkit.config;

import io.smallrye.config.ConfigMapping;

/** Which producing service this process is. */
@ConfigMapping(prefix = "ete.service")
public interface ProducingServiceConfig {
    /**
     * The service's id in the contract ({@code org.ete.contracts.Service}): {@code referral}, {@code training},
     * {@code employment} or {@code peer-mentor}. It decides the event types accepted, the topic published to and the
     * form of the subjects. No default: each service's application.properties names itself.
     */
    String name();
}
