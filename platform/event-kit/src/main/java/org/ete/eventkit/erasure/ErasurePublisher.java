package org.ete.eventkit.erasure;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ete.contracts.PersonErased;
import org.ete.contracts.Topics;
import org.ete.eventkit.config.ProducingService;
import org.ete.eventkit.store.ErasureLedger;
import org.ete.servicekit.kafka.KafkaClients;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the erasures this service received ({@link ErasureLedger#unpublished()}, the ledger doubling as its
 * outbox) to {@code privacy.erasures.v1}, keyed by person id, with an idempotent producer (acks=all), then marks them
 * published. At-least-once: a crash between the send and the mark sends again, and every consumer treats a repeat as
 * a no-op. Woken by each request; a sweep at start and every {@link ErasureConfig#sweepInterval()} is the safety net.
 */
@ApplicationScoped
public class ErasurePublisher {
    private static final Logger LOG = Logger.getLogger(ErasurePublisher.class);

    private final ErasureLedger ledger;
    private final KafkaClients kafka;
    private final ProducingService producing;
    private final ErasureConfig config;
    private final Object signal = new Object();
    private boolean pending = true;
    private volatile boolean running;
    private Producer<String, byte[]> producer;
    private Thread thread;

    public ErasurePublisher(ErasureLedger ledger, KafkaClients kafka, ProducingService producing, ErasureConfig config) {
        this.ledger = ledger;
        this.kafka = kafka;
        this.producing = producing;
        this.config = config;
    }

    void onStart(@Observes StartupEvent ignored) {
        if (!config.enabled()) {
            return;
        }
        producer = kafka.producer(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "erasure-publisher-" + producing.service().id()),
                new StringSerializer(), new ByteArraySerializer());
        running = true;
        thread = new Thread(this::loop, "erasure-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent ignored) {
        if (!running) {
            return;
        }
        running = false;
        wake();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kafka.close(producer, Duration.ofSeconds(5));
    }

    /** Publish what is unpublished now. */
    public void wake() {
        synchronized (signal) {
            pending = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            try {
                synchronized (signal) {
                    if (!pending) {
                        signal.wait(config.sweepInterval().toMillis());
                    }
                    pending = false;
                }
                if (running) {
                    publishUnpublished();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("Publishing erasures failed (will retry): %s", e.toString());
                sleep();
                wake();
            }
        }
    }

    private void publishUnpublished() throws Exception {
        for (PersonErased e : ledger.unpublished()) {
            producer.send(record(e)).get(30, TimeUnit.SECONDS);
            ledger.markPublished(e.personId(), Instant.now());
        }
    }

    static ProducerRecord<String, byte[]> record(PersonErased e) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(e.erasureId())
                .withSource(URI.create(e.source()))
                .withType(PersonErased.TYPE)
                .withSubject(e.personId())
                .withTime(e.erasedAt().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(e.toJson())
                .build();
        return KafkaMessageFactory.createWriter(Topics.PRIVACY_ERASURES, e.personId()).writeBinary(event);
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
