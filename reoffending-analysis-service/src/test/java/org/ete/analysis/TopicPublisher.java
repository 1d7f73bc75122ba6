package org.ete.analysis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ete.contracts.EventType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.UUID;

/** Publishes events onto the topics exactly as a producing service's outbox relay does (CloudEvents binary mode). */
public final class TopicPublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;

    public TopicPublisher(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    public record Sent(String id, EventType type, String personId, ObjectNode data) {
    }

    public static Sent event(EventType type, String personId, ObjectNode data) {
        return new Sent(UUID.randomUUID().toString(), type, personId, data);
    }

    public static void publishAll(String bootstrap, java.util.List<Sent> events) {
        try (TopicPublisher publisher = new TopicPublisher(bootstrap)) {
            events.forEach(publisher::publish);
        }
    }

    public void publish(Sent e) {
        var event = CloudEventBuilder.v1().withId(e.id()).withSource(URI.create("urn:ete:test"))
                .withType(e.type().type()).withSubject(e.personId())
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withExtension("occurredat", e.type().occurredAt(e.data()).toString())
                .withExtension("recordedat", Instant.now().toString())
                .withData("application/json", e.data().toString().getBytes(StandardCharsets.UTF_8)).build();
        producer.send(KafkaMessageFactory.createWriter(e.type().topic(), e.personId()).writeBinary(event));
    }

    @Override
    public void close() {
        producer.flush();
        producer.close();
    }
}
