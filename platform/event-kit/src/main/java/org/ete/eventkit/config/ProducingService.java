package org.ete.eventkit.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.ete.contracts.Service;

/**
 * The producing service this process is, resolved once from configuration. Ingest (its event types) and the relay
 * (its topic) both read it here, so neither has to ask the other.
 */
@ApplicationScoped
public class ProducingService {
    private final Service service;

    public ProducingService(ProducingServiceConfig config) {
        this.service = Service.fromId(config.name()).filter(Service::isProducer).orElseThrow(() ->
                new IllegalStateException("ete.service.name must name a producing service, was " + config.name()));
    }

    public Service service() {
        return service;
    }

    /** The topic the contract gives this service. */
    public String topic() {
        return service.topic();
    }
}
