package org.ete.bench.freshness;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ete.testsupport.PlatformInfra;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Figure 5's baseline: a plain Kafka producer and consumer on the same broker, at the same open-loop rate, with
 * records of an event's size, keyed like the relay's (by person). Latency = the consumer's receipt minus the moment
 * the producer was handed the record (both in this JVM, so one clock). The producer is set up like the relay's
 * (acks=all, idempotent, linger 5 ms), the consumer with the client's defaults, as the projection's is.
 */
public final class RawKafkaLatency {
    private static final int RECORD_BYTES = 900;

    private RawKafkaLatency() {
    }

    public static Latencies measure(PlatformInfra infra, String topic, int rate, int seconds) throws Exception {
        int count = rate * seconds;
        AtomicLongArray sentAt = new AtomicLongArray(count); // written by this thread, read by the consumer's
        double[] latencyMs = new double[count];
        Map<String, Object> producerConf = new HashMap<>(infra.kafkaClientSettings());
        producerConf.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConf.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConf.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        Map<String, Object> consumerConf = new HashMap<>(infra.kafkaClientSettings());
        consumerConf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConf, new StringSerializer(),
                new ByteArraySerializer());
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConf, new StringDeserializer(),
                     new ByteArrayDeserializer())) {
            producer.send(new ProducerRecord<>(topic, "warm-up", new byte[RECORD_BYTES])).get(); // creates the topic
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(PartitionInfo::partition).map(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end now, before the first record is sent
            Thread consuming = new Thread(() -> {
                int received = 0;
                while (received < count) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        int seq = ByteBuffer.wrap(r.value()).getInt();
                        latencyMs[seq] = (System.nanoTime() - sentAt.get(seq)) / 1e6;
                        received++;
                    }
                }
            }, "raw-kafka-consumer");
            consuming.start();
            long interval = 1_000_000_000L / rate;
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = start + i * interval;
                for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(wait);
                }
                byte[] value = new byte[RECORD_BYTES];
                ByteBuffer.wrap(value).putInt(i);
                sentAt.set(i, System.nanoTime());
                producer.send(new ProducerRecord<>(topic, "person-" + i, value));
            }
            producer.flush();
            consuming.join(60_000);
            if (consuming.isAlive()) {
                throw new IllegalStateException("the raw consumer did not receive all " + count + " records");
            }
        }
        return new Latencies(latencyMs);
    }
}
