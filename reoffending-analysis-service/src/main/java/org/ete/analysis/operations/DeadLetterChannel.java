package org.ete.analysis.operations;

import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.ete.analysis.messaging.AcknowledgedSend;
import org.ete.analysis.projection.ProjectionConfig;
import org.ete.analysis.projection.consumer.PoisonException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The dead-letter topic, through the outgoing channel {@value #CHANNEL} (application.properties: idempotent producer,
 * acks=all). A dead letter is the original record (key, value, and headers untouched, so its {@code ce_} headers
 * still say what it was), with headers saying where it came from, why and when.
 */
@ApplicationScoped
public class DeadLetterChannel {
    static final String CHANNEL = "dead-letters";
    private static final String HEADER_TOPIC = "ete_dlt_original_topic";
    private static final String HEADER_PARTITION = "ete_dlt_original_partition";
    private static final String HEADER_OFFSET = "ete_dlt_original_offset";
    private static final String HEADER_REASON = "ete_dlt_reason";
    private static final String HEADER_DETAIL = "ete_dlt_detail";
    private static final String HEADER_TIME = "ete_dlt_time";
    /** Present ("true") when the value was too large to publish with the headers added; MongoDB has it. */
    private static final String HEADER_VALUE_OMITTED = "ete_dlt_value_omitted";
    /** How long a dead letter waits for the broker's acknowledgement before the runner retries its record. */
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<byte[]> channel;
    /** For messages only: the channel's topic is configured as {@code ${ete.projection.dead-letter-topic}}. */
    private final String topic;

    DeadLetterChannel(@Channel(CHANNEL) MutinyEmitter<byte[]> channel, ProjectionConfig config) {
        this.channel = channel;
        this.topic = config.deadLetterTopic();
    }

    /**
     * Publishes {@code record} as a dead letter for {@code poison}, recorded at {@code now}, and waits for the broker.
     *
     * @throws KafkaException if it was not acknowledged: the caller records nothing and the record is retried
     */
    void publish(ConsumerRecord<String, byte[]> record, PoisonException poison, Instant now) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h); // the original ce_ headers, untouched
        }
        headers.add(HEADER_TOPIC, utf8(record.topic()));
        headers.add(HEADER_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(HEADER_OFFSET, utf8(Long.toString(record.offset())));
        headers.add(HEADER_REASON, utf8(poison.reason().wire()));
        headers.add(HEADER_DETAIL, utf8(poison.getMessage()));
        headers.add(HEADER_TIME, utf8(now.toString()));
        try {
            send(record.key(), headers, record.value());
        } catch (RecordTooLargeException e) {
            // The headers pushed it over the limit: publish without the value; MongoDB keeps the original bytes.
            headers.add(HEADER_VALUE_OMITTED, utf8("true"));
            send(record.key(), headers, null);
        }
    }

    private void send(String key, Headers headers, byte[] value) {
        try {
            AcknowledgedSend.send(channel, key, headers, value, PUBLISH_TIMEOUT);
        } catch (KafkaException e) {
            throw e;
        } catch (io.smallrye.mutiny.TimeoutException e) {
            throw new KafkaException("timed out publishing to " + topic, e);
        } catch (RuntimeException e) {
            // Not the broker's answer (e.g. the channel is shutting down): as transient as an unreachable broker.
            throw new KafkaException("not published to " + topic + ": " + e, e);
        }
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
}
