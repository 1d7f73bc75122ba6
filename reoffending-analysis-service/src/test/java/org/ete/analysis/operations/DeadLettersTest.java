package org.ete.analysis.operations;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The stored copy of a dead letter, without a database. */
class DeadLettersTest {

    @Test
    void theStoredCopyGivesBackTheOriginalRecord() {
        CloudEvent event = CloudEventBuilder.v1().withId("e-1").withSource(URI.create("urn:ete:test"))
                .withType("ete.referral.service-taken-up.v1").withSubject("p-1")
                .withData("application/json", "{\"takenUpOn\":\"2012-05-04\"}".getBytes(StandardCharsets.UTF_8))
                .build();
        ProducerRecord<String, byte[]> sent = KafkaMessageFactory.createWriter("referral.events.v1", "p-1")
                .writeBinary(event);
        List<Document> headers = new ArrayList<>();
        for (Header h : sent.headers()) {
            headers.add(new Document("key", h.key()).append("value", new Binary(h.value())));
        }
        Document stored = new Document("_id", DeadLetters.id("referral.events.v1", 2, 41))
                .append("topic", "referral.events.v1").append("partition", 2).append("offset", 41L)
                .append("timestamp", 1234L).append("key", "p-1").append("headers", headers)
                .append("value", new Binary(sent.value()));

        ConsumerRecord<String, byte[]> original = DeadLetters.original(stored);

        assertEquals("referral.events.v1-2-41", stored.getString("_id"));
        assertEquals("referral.events.v1", original.topic());
        assertEquals(2, original.partition());
        assertEquals(41, original.offset());
        assertEquals("p-1", original.key());
        assertArrayEquals(sent.value(), original.value());
        CloudEvent read = KafkaMessageFactory.createReader(original).toEvent();
        assertEquals(event.getId(), read.getId());
        assertEquals(event.getType(), read.getType());
        assertEquals(event.getSubject(), read.getSubject());
        assertArrayEquals(event.getData().toBytes(), read.getData().toBytes());
    }

    @Test
    void aStoredCopyWithoutValueOrHeadersIsStillARecord() {
        Document stored = new Document("topic", "training.events.v1").append("partition", 0).append("offset", 7L)
                .append("timestamp", -1L).append("key", null).append("value", null);
        ConsumerRecord<String, byte[]> original = DeadLetters.original(stored);
        assertNull(original.value());
        assertFalse(original.headers().iterator().hasNext());
    }
}
