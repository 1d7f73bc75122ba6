package org.ete.eventkit.erasure;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ete.contracts.PersonErased;
import org.ete.contracts.Topics;
import org.ete.eventkit.config.ProducingService;
import org.ete.servicekit.kafka.CommittingConsumer;
import org.ete.servicekit.kafka.KafkaClients;
import org.jboss.logging.Logger;

/**
 * Reads {@code privacy.erasures.v1} (every service's erasures, its own included) and applies each to this service's
 * store ({@link ErasureService#apply}); the offset is committed only after the deletion. A record that is not an
 * erasure is logged and counted ({@code ete.privacy.erasures{outcome=invalid}}) and passed over: it names nobody.
 */
@ApplicationScoped
public class ErasureConsumer {
    private static final Logger LOG = Logger.getLogger(ErasureConsumer.class);

    private final ErasureService erasures;
    private final KafkaClients kafka;
    private final ErasureConfig config;
    private final ProducingService producing;
    private CommittingConsumer consumer;

    public ErasureConsumer(ErasureService erasures, KafkaClients kafka, ErasureConfig config, ProducingService producing) {
        this.erasures = erasures;
        this.kafka = kafka;
        this.config = config;
        this.producing = producing;
    }

    void onStart(@Observes StartupEvent ignored) {
        if (config.enabled()) {
            consumer = CommittingConsumer.start(kafka, "erasure-consumer-" + producing.service().id(),
                    Topics.PRIVACY_ERASURES, config.groupId(), this::handle);
        }
    }

    void onStop(@Observes ShutdownEvent ignored) {
        if (consumer != null) {
            consumer.stop();
        }
    }

    void handle(ConsumerRecord<String, byte[]> record) {
        PersonErased erasure;
        try {
            erasure = PersonErased.fromJson(record.value());
        } catch (IllegalArgumentException e) {
            LOG.warnf("%s-%d@%d is not an erasure, passed over: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            erasures.invalid();
            return;
        }
        erasures.apply(erasure);
    }
}
