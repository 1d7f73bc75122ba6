package org.ete.analysis.projection.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.ete.contracts.Topics;
import org.ete.servicekit.kafka.KafkaClients;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The projection's Kafka consumers, all from the platform's client factory (so a secured cluster needs configuration
 * only, and each client's metrics are in Micrometer while it lives). Plain consumers, not a messaging channel
 * (ADR 0004): the runner commits after its write, seeks back after a failure and a rebuild reads from offset 0.
 */
@ApplicationScoped
public class ProjectionConsumers {
    /** Bound on the metadata calls of {@link #offsets()}, which answers an operator's request. */
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
    /** Time a closing consumer has to leave its group cleanly; after that the group notices by session timeout. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Records per poll: each poll is one batch, and the store writes each person once per batch, so under a backlog (a
     * rebuild, a first start on full topics, catching up after an outage) larger batches write fewer documents (a
     * person's events that fall in one batch cost one write) and amortise the round trips; with no backlog a poll
     * returns what there is at once, so this costs live freshness nothing. 4,000: the batch, its decoded facts and the
     * documents it rewrites stay a few tens of MB in a 256 MB heap that also holds the people index.
     */
    private static final int MAX_POLL_RECORDS = 4_000;
    /** Fetches large enough to fill those polls (records are ~0.7 KB): per partition, and per fetch. */
    private static final int PARTITION_FETCH_BYTES = 2 << 20;
    private static final int FETCH_BYTES = 16 << 20;

    private final KafkaClients clients;

    ProjectionConsumers(KafkaClients clients) {
        this.clients = clients;
    }

    /**
     * A consumer in group {@code groupId}, not yet subscribed. Offsets are committed by the runner only after the
     * write; a group with no committed offset starts at the beginning (a new generation must see every event).
     */
    Consumer<String, byte[]> forGroup(String groupId) {
        return clients.consumer(role(groupId), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Closes a consumer from {@link #forGroup} (its meters go with it). */
    void close(Consumer<String, byte[]> consumer) {
        clients.close(consumer, CLOSE_TIMEOUT);
    }

    /** The offsets of every partition of the consumed topics now, read with a consumer of no group. */
    public Map<TopicPartition, OffsetRange> offsets() {
        Consumer<String, byte[]> consumer = forGroup(null);
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.PRODUCER_TOPICS) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
                for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
                    partitions.add(new TopicPartition(info.topic(), info.partition()));
                }
            }
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, METADATA_TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_TIMEOUT);
            Map<TopicPartition, OffsetRange> out = new LinkedHashMap<>();
            for (TopicPartition tp : partitions) {
                out.put(tp, new OffsetRange(begin.getOrDefault(tp, 0L), end.getOrDefault(tp, 0L)));
            }
            return out;
        } finally {
            close(consumer);
        }
    }

    /** The role settings on top of the cluster's; a null {@code groupId} removes any group (see KafkaSettings). */
    private static Map<String, Object> role(String groupId) {
        Map<String, Object> role = new HashMap<>();
        role.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        role.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        role.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        role.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        role.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, PARTITION_FETCH_BYTES);
        role.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_BYTES);
        return role;
    }
}
