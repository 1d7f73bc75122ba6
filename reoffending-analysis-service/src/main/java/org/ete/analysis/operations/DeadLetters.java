package org.ete.analysis.operations;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.bson.types.Binary;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ete.analysis.projection.ProjectionConfig;
import org.ete.analysis.projection.consumer.DeadLetterSink;
import org.ete.analysis.projection.consumer.PoisonException;
import org.ete.analysis.projection.consumer.PoisonReason;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Records that the projection cannot apply. Each goes, once, to the dead-letter topic (original key, value and
 * headers, plus where it came from, why and when) and to MongoDB collection {@code dead_letters}, keyed
 * {@code <topic>-<partition>-<offset>} so that meeting it again (a rebuild, a redelivery) records nothing new.
 * The MongoDB copy keeps the original bytes, so a dead letter can be listed and replayed ({@link DeadLetterReplay})
 * without reading Kafka. This is the projection's {@link DeadLetterSink}.
 */
@ApplicationScoped
public class DeadLetters implements DeadLetterSink {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    static final String COLLECTION = "dead_letters";
    public static final String HEADER_TOPIC = "ete_dlt_original_topic";
    public static final String HEADER_PARTITION = "ete_dlt_original_partition";
    public static final String HEADER_OFFSET = "ete_dlt_original_offset";
    public static final String HEADER_REASON = "ete_dlt_reason";
    public static final String HEADER_DETAIL = "ete_dlt_detail";
    public static final String HEADER_TIME = "ete_dlt_time";
    /** Present ("true") when the value was too large to publish with the headers added; MongoDB has it. */
    public static final String HEADER_VALUE_OMITTED = "ete_dlt_value_omitted";
    static final String DEAD = "dead";
    static final String REPLAYED = "replayed";

    /** One dead letter as listed; {@code status} is {@code dead} until a replay applies it, then {@code replayed}. */
    public record DeadLetter(String id, String status, String reason, String detail, String type, String eventId,
                             String topic, int partition, long offset, Instant recordedAt, Instant replayedAt) {
    }

    private final MongoCollection<Document> collection;
    private final MeterRegistry metrics;
    private final String topic;
    private final String bootstrapServers;

    private KafkaProducer<String, byte[]> producer;
    private boolean closed;

    DeadLetters(MongoDatabase database, MeterRegistry metrics, ProjectionConfig config,
                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.collection = database.getCollection(COLLECTION);
        this.metrics = metrics;
        this.topic = config.deadLetterTopic();
        this.bootstrapServers = bootstrapServers;
    }

    void onStart(@Observes StartupEvent ignored) {
        for (PoisonReason reason : PoisonReason.values()) {
            counter(reason);
        }
        try {
            collection.createIndex(Indexes.descending("recordedAt"));
        } catch (RuntimeException e) {
            LOG.warnf("Index on %s.recordedAt not created: %s", COLLECTION, e.toString());
        }
    }

    synchronized void onStop(@Observes ShutdownEvent ignored) {
        closed = true;
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    public static String id(String topic, int partition, long offset) {
        return topic + "-" + partition + "-" + offset;
    }

    /**
     * Dead-letters {@code record} unless it already is: publishes it to the dead-letter topic, then records it in
     * MongoDB. Called on the consumer's thread before the record's offset is committed; throws if either step
     * fails, so the consumer retries the record (at worst it reaches the topic twice, never MongoDB twice).
     *
     * @return false if it was already a dead letter
     */
    @Override
    public boolean record(ConsumerRecord<String, byte[]> record, PoisonException poison) {
        String id = id(record.topic(), record.partition(), record.offset());
        if (collection.find(Filters.eq("_id", id)).projection(Projections.include("_id")).first() != null) {
            return false;
        }
        Instant now = Instant.now();
        publish(record, poison, now);
        List<Document> headers = new ArrayList<>();
        for (Header h : record.headers()) {
            headers.add(new Document("key", h.key()).append("value", h.value() == null ? null : new Binary(h.value())));
        }
        Document doc = new Document("_id", id).append("status", DEAD)
                .append("reason", poison.reason().wire()).append("detail", poison.getMessage())
                .append("type", poison.type()).append("eventId", poison.eventId())
                .append("topic", record.topic()).append("partition", record.partition())
                .append("offset", record.offset()).append("timestamp", record.timestamp())
                .append("key", record.key()).append("headers", headers)
                .append("value", record.value() == null ? null : new Binary(record.value()))
                .append("recordedAt", Date.from(now)).append("replayedAt", null);
        try {
            collection.insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
        counter(poison.reason()).increment();
        return true;
    }

    /** The most recently recorded dead letters first. */
    public List<DeadLetter> list(int limit) {
        List<DeadLetter> out = new ArrayList<>();
        for (Document d : collection.find().projection(Projections.exclude("value", "headers", "key"))
                .sort(Sorts.descending("recordedAt", "_id")).limit(limit)) {
            out.add(new DeadLetter(d.getString("_id"), d.getString("status"), d.getString("reason"),
                    d.getString("detail"), d.getString("type"), d.getString("eventId"), d.getString("topic"),
                    ((Number) d.get("partition")).intValue(), ((Number) d.get("offset")).longValue(),
                    instant(d.getDate("recordedAt")), instant(d.getDate("replayedAt"))));
        }
        return out;
    }

    /** The original record of dead letter {@code id}, rebuilt from its stored copy; empty for an unknown id. */
    public Optional<ConsumerRecord<String, byte[]>> original(String id) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id)).first()).map(DeadLetters::original);
    }

    /** Marks dead letter {@code id} replayed: its record has been applied. */
    public Instant markReplayed(String id) {
        Instant now = Instant.now();
        collection.updateOne(Filters.eq("_id", id),
                Updates.combine(Updates.set("status", REPLAYED), Updates.set("replayedAt", Date.from(now))));
        return now;
    }

    /** The original record, rebuilt from the stored copy. */
    static ConsumerRecord<String, byte[]> original(Document d) {
        RecordHeaders headers = new RecordHeaders();
        for (Document h : d.getList("headers", Document.class, List.of())) {
            headers.add(h.getString("key"), bytes(h.get("value")));
        }
        byte[] value = bytes(d.get("value"));
        String key = d.getString("key");
        return new ConsumerRecord<>(d.getString("topic"), ((Number) d.get("partition")).intValue(),
                ((Number) d.get("offset")).longValue(), ((Number) d.get("timestamp")).longValue(),
                TimestampType.CREATE_TIME, -1, -1, key, value, headers, Optional.empty());
    }

    private void publish(ConsumerRecord<String, byte[]> record, PoisonException poison, Instant now) {
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
            send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers));
        } catch (RecordTooLargeException e) {
            // The headers pushed it over the limit: publish without the value; MongoDB keeps the original bytes.
            headers.add(HEADER_VALUE_OMITTED, utf8("true"));
            send(new ProducerRecord<>(topic, null, record.key(), null, headers));
        }
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("timed out publishing to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted publishing to " + topic, e);
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (closed) {
            throw new KafkaException("shutting down: the dead-letter producer is closed");
        }
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    private Counter counter(PoisonReason reason) {
        return Counter.builder("ete.projection.dead.letters")
                .description("Records the projection could not apply, sent to the dead-letter topic")
                .tag("reason", reason.wire()).register(metrics);
    }

    private static byte[] bytes(Object stored) {
        if (stored instanceof Binary b) {
            return b.getData();
        }
        return stored instanceof byte[] b ? b : null;
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
