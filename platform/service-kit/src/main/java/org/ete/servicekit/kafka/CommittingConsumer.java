package org.ete.servicekit.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One thread consuming one topic with one consumer group, handing each record to a handler and committing a record's
 * offset only after its handler returned: at-least-once, so handlers must be idempotent. A handler that throws is
 * retried from that record after a pause (the records before it are committed); it never skips a record on its own,
 * so a handler decides itself what to do with one it can never apply (log and return). A group with no committed
 * offset starts at the beginning of the topic. Built on {@link KafkaClients}, like every client of the services.
 */
public final class CommittingConsumer {
    private static final Logger LOG = Logger.getLogger(CommittingConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long RETRY_PAUSE_MS = 1000;

    /** What to do with one record; throwing means "not done, give it to me again". */
    @FunctionalInterface
    public interface Handler {
        void handle(ConsumerRecord<String, byte[]> record) throws Exception;
    }

    private final KafkaClients clients;
    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final Handler handler;
    private final Thread thread;
    private volatile boolean running;

    private CommittingConsumer(KafkaClients clients, String name, String topic, String groupId, Handler handler) {
        this.clients = clients;
        this.topic = topic;
        this.handler = handler;
        this.consumer = clients.consumer(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.CLIENT_ID_CONFIG, name), new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    /** Subscribes and starts the thread. */
    public static CommittingConsumer start(KafkaClients clients, String name, String topic, String groupId,
                                           Handler handler) {
        CommittingConsumer c = new CommittingConsumer(clients, name, topic, groupId, handler);
        c.running = true;
        c.consumer.subscribe(List.of(topic));
        c.thread.start();
        return c;
    }

    /** Stops the thread and closes the consumer; what was handled is committed, the rest is redelivered. */
    public void stop() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        try {
            while (running) {
                try {
                    pollOnce();
                } catch (WakeupException e) {
                    if (running) {
                        LOG.debugf("woken while running: %s", e);
                    }
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Consumer of %s failed; continuing from the committed offsets", topic);
                    pause();
                }
            }
        } finally {
            try {
                clients.close(consumer, Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debugf("closing the consumer: %s", e);
            }
        }
    }

    private void pollOnce() {
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!running) {
                break;
            }
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            try {
                handler.handle(record);
                done.put(tp, new OffsetAndMetadata(record.offset() + 1));
            } catch (Exception e) {
                LOG.warnf("Handling %s-%d@%d failed, will retry: %s", record.topic(), record.partition(),
                        record.offset(), e.toString());
                for (TopicPartition p : records.partitions()) {
                    OffsetAndMetadata d = done.get(p);
                    consumer.seek(p, d != null ? d.offset() : records.records(p).get(0).offset());
                }
                commit(done);
                pause();
                return;
            }
        }
        commit(done);
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> done) {
        if (!done.isEmpty()) {
            consumer.commitSync(done);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
