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
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.ete.analysis.messaging.AcknowledgedSend;
import org.ete.contracts.CloudEventExtensions;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.contracts.Topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes alert events to {@value Topics#ANALYSIS_ALERTS} through the outgoing channel {@value #CHANNEL}
 * (application.properties: idempotent producer, acks=all), as CloudEvents in Kafka binary mode like the producing
 * services' outbox relays: keyed by the subject {@code <by>/<group>}, so one group's events stay in order. The data is
 * checked against the contract schema before anything is sent.
 */
@ApplicationScoped
public class AlertPublisher {
    static final String CHANNEL = "analysis-alerts";
    /** CloudEvent source of every alert event. */
    public static final URI SOURCE = URI.create("urn:ete:reoffending-analysis-service:alerts");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<EventType, Schema> SCHEMAS = schemas();

    private final MutinyEmitter<byte[]> channel;
    private final Duration publishTimeout;

    AlertPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> channel, AlertsConfig config) {
        this.channel = channel;
        this.publishTimeout = config.publishTimeout();
    }

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
    public void publish(String id, EventType type, String subject, Instant time, LocalDate asOf, String data) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id)
                .withSource(SOURCE)
                .withType(type.type())
                .withSubject(subject)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withDataSchema(URI.create(type.schemaId()))
                .withExtension(CloudEventExtensions.OCCURRED_AT, asOf.toString())
                .withExtension(CloudEventExtensions.RECORDED_AT, time.toString())
                .withExtension(CloudEventExtensions.SCHEMA_VERSION, type.schemaVersion())
                .withData(data.getBytes(StandardCharsets.UTF_8))
                .build();
        // The CloudEvents SDK writes the binary mode (ce_ headers, data as the value) as the relays do; the channel
        // sends that key, those headers and that value as they are (its own CloudEvents support is off).
        ProducerRecord<String, byte[]> binary = KafkaMessageFactory.createWriter(Topics.ANALYSIS_ALERTS, subject)
                .writeBinary(event);
        try {
            AcknowledgedSend.send(channel, subject, binary.headers(), binary.value(), publishTimeout);
        } catch (RuntimeException e) {
            throw new IllegalStateException("alert " + id + " was not acknowledged: " + e, e);
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
