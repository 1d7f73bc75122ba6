package org.ete.analysis.admin;

import org.ete.servicekit.failure.TransientFailures;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.types.Binary;
import org.ete.analysis.projection.ProjectionConsumer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure parts of the projection operations: failure classification, path templates, stored dead letters. */
class ProjectionOperationsTest {

    @Test
    void unreachableInfrastructureIsTransientAndBadDataIsNot() {
        assertTrue(TransientFailures.isTransient(new MongoTimeoutException("no server")));
        assertTrue(TransientFailures.isTransient(new MongoSocketOpenException("refused", new ServerAddress(),
                new IOException("refused"))));
        assertTrue(TransientFailures.isTransient(new RuntimeException(new MongoTimeoutException("wrapped"))));
        assertTrue(TransientFailures.isTransient(new KafkaException("broker gone")));
        assertFalse(TransientFailures.isTransient(new IllegalArgumentException("takenUpOn is required")));
        assertFalse(TransientFailures.isTransient(assertDateFails()));
        assertFalse(TransientFailures.isTransient(new NullPointerException()));
        assertFalse(TransientFailures.isTransient(new MongoWriteException(
                new WriteError(10334, "document too large", new BsonDocument()), new ServerAddress(), Set.of())),
                "a write MongoDB refuses fails again however often it is retried");
    }

    private static RuntimeException assertDateFails() {
        try {
            LocalDate.parse("2020-02-30");
            throw new AssertionError("expected a parse failure");
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Test
    void latencyIsTaggedWithThePathTemplateNotTheRequestedPath() {
        assertEquals("/v1/things", QueryLatency.template("/v1/things/", null));
        assertEquals("/v1/things/{id}", QueryLatency.template("/v1/things/", "/{id}/"));
        assertEquals("/v1/admin/summary", QueryLatency.template("v1/admin", "summary"));
        assertEquals("/", QueryLatency.template(null, null));
    }

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
