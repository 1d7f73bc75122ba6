package org.ete.analysis.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.time.Duration;

/**
 * Sends one Kafka record through an outgoing channel of the Kafka connector and waits until the broker has acknowledged
 * it. The service's publishers record what they published only afterwards ("publish, then mark"), so a crash or a
 * failed send leaves the record to be published again, never marked and lost.
 */
public final class AcknowledgedSend {
    private AcknowledgedSend() {
    }

    /**
     * Sends {@code value} (null: none) with {@code key} and {@code headers}, exactly as given, to the channel's topic.
     *
     * @throws RuntimeException the send's failure as the connector reports it (a Kafka exception when the broker
     *                          refused or could not be reached), or {@link io.smallrye.mutiny.TimeoutException} when
     *                          no acknowledgement came within {@code timeout}
     */
    public static void send(MutinyEmitter<byte[]> channel, String key, Headers headers, byte[] value,
                            Duration timeout) {
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(headers).build();
        channel.sendMessage(Message.of(value, Metadata.of(kafka))).await().atMost(timeout);
    }
}
