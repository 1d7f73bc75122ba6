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
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.bson.Document;
import org.bson.types.Binary;
import org.ete.analysis.projection.consumer.DeadLetterSink;
import org.ete.analysis.projection.consumer.PoisonException;
import org.ete.analysis.projection.consumer.PoisonReason;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Records that the projection cannot apply. Each goes, once, to the dead-letter topic ({@link DeadLetterChannel}:
 * original key, value and headers, plus where it came from, why and when) and to MongoDB collection
 * {@code dead_letters}, keyed {@code <topic>-<partition>-<offset>} so that meeting it again (a rebuild, a redelivery)
 * records nothing new.
 * The MongoDB copy keeps the original bytes, so a dead letter can be listed and replayed ({@link DeadLetterReplay})
 * without reading Kafka. This is the projection's {@link DeadLetterSink}.
 */
@ApplicationScoped
public class DeadLetters implements DeadLetterSink {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    static final String COLLECTION = "dead_letters";
    static final String DEAD = "dead";
    static final String REPLAYED = "replayed";

    /** One dead letter as listed; {@code status} is {@code dead} until a replay applies it, then {@code replayed}. */
    public record DeadLetter(String id, String status, String reason, String detail, String type, String eventId,
                             String topic, int partition, long offset, Instant recordedAt, Instant replayedAt) {
    }

    private final MongoCollection<Document> collection;
    private final DeadLetterChannel channel;
    private final MeterRegistry metrics;

    DeadLetters(MongoDatabase database, DeadLetterChannel channel, MeterRegistry metrics) {
        this.collection = database.getCollection(COLLECTION);
        this.channel = channel;
        this.metrics = metrics;
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
        channel.publish(record, poison, now);
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

    /**
     * Deletes the dead letters of an erased person (their key is the person id) from MongoDB; returns how many. The
     * copies on the dead-letter topic stay, as the events stay on their topics: a replay of one is skipped by the
     * erasure ledger.
     */
    public long deletePerson(String personId) {
        return collection.deleteMany(Filters.eq("key", personId)).getDeletedCount();
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

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
