package org.ete.analysis.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.contracts.Topics;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Consumes the producing services' topics into per-person projection documents and the in-memory index.
 * Offsets are committed only after the write, so a crash replays at most the uncommitted records, and the
 * replay is a no-op because facts are keyed by event identity.
 */
@ApplicationScoped
public class ProjectionConsumer {
    private static final Logger LOG = Logger.getLogger(ProjectionConsumer.class);

    @Inject
    PersonStore store;
    @Inject
    PeopleIndex index;
    @Inject
    ObjectMapper json;
    @Inject
    MeterRegistry metrics;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "ete.projection.group-id", defaultValue = "reoffending-analysis")
    String groupId;
    @ConfigProperty(name = "ete.projection.enabled", defaultValue = "true")
    boolean enabled;

    private final int generation = 1;
    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private Timer freshness;

    void onStart(@Observes StartupEvent ignored) {
        for (EventType type : EventCatalogue.partnerEvents()) {
            metrics.counter("ete.projection.applied", "type", type.type());
        }
        freshness = Timer.builder("ete.projection.freshness")
                .description("From the producing service's append (recordedAt) to visible in the views")
                .publishPercentiles(0.5, 0.95, 0.99).register(metrics);
        store.forEach(generation, index::put);
        LOG.infof("Projection index loaded: %d people", index.size());
        if (enabled) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent ignored) {
        if (running) {
            running = false;
            consumer.wakeup();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void start() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        consumer.subscribe(Topics.PRODUCER_TOPICS);
        running = true;
        thread = new Thread(this::loop, "projection-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    try {
                        apply(record);
                        done.put(tp, new OffsetAndMetadata(record.offset() + 1));
                    } catch (RuntimeException e) {
                        // Not the record's fault (e.g. MongoDB unavailable): commit what is done, replay from here.
                        LOG.warnf("Applying %s-%d@%d failed, will retry: %s", record.topic(), record.partition(),
                                record.offset(), e.toString());
                        consumer.commitSync(done);
                        rewind(records, done);
                        sleep();
                        done = null;
                        break;
                    }
                }
                if (done != null && !done.isEmpty()) {
                    consumer.commitSync(done);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Applies one CloudEvent record; records that are not catalogue events are skipped with a warning. */
    void apply(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            LOG.warnf("Skipping a record that is not a CloudEvent at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        Optional<EventType> type = EventType.fromType(event.getType());
        if (type.isEmpty() || event.getData() == null || event.getSubject() == null) {
            LOG.warnf("Skipping unknown or incomplete event %s of type %s", event.getId(), event.getType());
            return;
        }
        ObjectNode data;
        try {
            data = (ObjectNode) json.readTree(event.getData().toBytes());
        } catch (Exception e) {
            LOG.warnf("Skipping event %s: data is not a JSON object", event.getId());
            return;
        }
        Object recordedAtExt = event.getExtension("recordedat");
        Instant recordedAt = recordedAtExt == null ? null : Instant.parse(recordedAtExt.toString());
        Object occurredAtExt = event.getExtension("occurredat");
        LocalDate occurredAt = occurredAtExt != null ? LocalDate.parse(occurredAtExt.toString()) : type.get().occurredAt(data);
        Fact fact = new Fact(Fact.identity(event.getSource().toString(), event.getId()), event.getType(), occurredAt,
                recordedAt, data);
        PersonState state = store.apply(generation, event.getSubject(), fact);
        if (state != null) {
            index.put(state);
            metrics.counter("ete.projection.applied", "type", event.getType()).increment();
            if (recordedAt != null) {
                freshness.record(Duration.between(recordedAt, Instant.now()));
            }
        }
    }

    private void rewind(ConsumerRecords<String, byte[]> records, Map<TopicPartition, OffsetAndMetadata> done) {
        for (TopicPartition tp : records.partitions()) {
            OffsetAndMetadata committed = done.get(tp);
            long offset = committed != null ? committed.offset() : records.records(tp).get(0).offset();
            consumer.seek(tp, offset);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
