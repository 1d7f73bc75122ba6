package org.ete.analysis.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.contracts.Topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes alert events to {@value Topics#ANALYSIS_ALERTS} as CloudEvents in Kafka binary mode, as the producing
 * services' outbox relays do: idempotent producer, acks=all, keyed by the subject {@code <by>/<group>} (so one
 * group's events stay in order). The data is checked against the contract schema before anything is sent.
 */
@ApplicationScoped
public class AlertPublisher {
    /** CloudEvent source of every alert event. */
    public static final URI SOURCE = URI.create("urn:ete:reoffending-analysis-service:alerts");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<EventType, Schema> SCHEMAS = schemas();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "ete.alerts.publish-timeout", defaultValue = "30s")
    Duration publishTimeout;

    private KafkaProducer<String, byte[]> producer;

    /** Contract violations of {@code data} for {@code type}, as messages; empty when valid. */
    public static List<String> violations(EventType type, String data) {
        JsonNode node;
        try {
            node = JSON.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SCHEMAS.get(type).validate(node).stream().map(Error::toString).toList();
    }

    /**
     * Sends one event and waits until the broker has acknowledged it (acks=all).
     *
     * @param data the event's data, JSON text, already valid against the type's schema
     * @throws IllegalStateException if the send fails or is not acknowledged within the publish timeout
     */
    public RecordMetadata publish(String id, EventType type, String subject, java.time.Instant time, LocalDate asOf,
                                  String data) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id)
                .withSource(SOURCE)
                .withType(type.type())
                .withSubject(subject)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withDataSchema(URI.create(type.schemaId()))
                .withExtension("occurredat", asOf.toString())
                .withExtension("recordedat", time.toString())
                .withExtension("schemaversion", type.schemaVersion())
                .withData(data.getBytes(StandardCharsets.UTF_8))
                .build();
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.createWriter(Topics.ANALYSIS_ALERTS, subject)
                .writeBinary(event);
        try {
            return producer().send(record).get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing alert " + id, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("alert " + id + " was not acknowledged: " + e, e);
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "alert-monitor");
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, publishTimeout.toMillis()));
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    private static Map<EventType, Schema> schemas() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        Map<EventType, Schema> out = new EnumMap<>(EventType.class);
        for (EventType type : List.of(EventType.ALERT_RAISED, EventType.ALERT_CLEARED)) {
            out.put(type, registry.getSchema(EventCatalogue.schemaText(type)));
        }
        return out;
    }
}
