package org.ete.eventkit.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.ete.eventkit.upcast.Upcasters;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.mongodb.client.model.Filters.eq;

/**
 * The event store of one producing service: one MongoDB document per event in collection {@code events}.
 * An append is a single-document insert, atomic without transactions. Unique indexes on (stream, version)
 * give optimistic concurrency and on (source, id) idempotency; a lost race surfaces as
 * {@link ConcurrentAppendException} and nothing is written.
 */
@ApplicationScoped
@Startup
public class EventStore {
    static final String EVENTS = "events";
    static final String COUNTERS = "counters";

    private final StoredEventCodec codec;
    private final MongoCollection<Document> events;
    private final MongoCollection<Document> counters;

    public EventStore(MongoDatabase db, ObjectMapper json, Upcasters upcasters) {
        this.codec = new StoredEventCodec(json, upcasters);
        events = db.getCollection(EVENTS);
        counters = db.getCollection(COUNTERS);
        events.createIndex(Indexes.ascending("stream", "version"), new IndexOptions().unique(true).name("stream_version"));
        events.createIndex(Indexes.ascending("source", "id"), new IndexOptions().unique(true).name("source_id"));
        events.createIndex(Indexes.ascending("publishedAt"), new IndexOptions().name("published_at"));
        // (stream, version) once more as one field, so many streams are read with one $in on a single-field unique
        // index: the embedded mongo-java-server answers $in from an index only when it has one key. Sparse, so the
        // index can be built over events stored before the field existed; those are given it once, here.
        events.createIndex(Indexes.ascending(StoredEventCodec.STREAM_VERSION),
                new IndexOptions().unique(true).sparse(true).name("stream_version_key"));
        backfillStreamVersionKeys();
    }

    /** Gives events stored before {@link StoredEventCodec#STREAM_VERSION} existed their key (one scan at start). */
    private void backfillStreamVersionKeys() {
        List<UpdateOneModel<Document>> updates = new ArrayList<>();
        for (Document d : events.find(Filters.exists(StoredEventCodec.STREAM_VERSION, false))
                .projection(new Document("stream", 1).append("version", 1))) {
            updates.add(new UpdateOneModel<>(new Document("_id", d.get("_id")), Updates.set(
                    StoredEventCodec.STREAM_VERSION, StoredEventCodec.streamVersion(d.getString("stream"), d.getInteger("version")))));
            if (updates.size() == 1_000) {
                events.bulkWrite(updates, new BulkWriteOptions().ordered(false));
                updates.clear();
            }
        }
        if (!updates.isEmpty()) {
            events.bulkWrite(updates, new BulkWriteOptions().ordered(false));
        }
    }

    /** Appends one event at {@code version}; throws {@link ConcurrentAppendException} if that slot or its (source, id) is taken. */
    public StoredEvent append(String stream, int version, String type, int schemaVersion, LocalDate occurredAt,
                              String source, String id, String time, ObjectNode data, ObjectNode derived) {
        long position = nextPosition();
        Instant recordedAt = Instant.now();
        Document doc = StoredEventCodec.document(position, stream, version, type, schemaVersion, occurredAt, Date.from(recordedAt),
                source, id, time, data, derived);
        try {
            events.insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new ConcurrentAppendException(e.getError().getMessage());
            }
            throw e;
        }
        // recordedAt is stored with millisecond precision; return what a later read returns.
        return new StoredEvent(position, stream, version, type, schemaVersion, occurredAt,
                Date.from(recordedAt).toInstant(), source, id, time, data, derived, null);
    }

    /** An event decided and ready to append; the store gives it its position and recordedAt. */
    public record NewEvent(String stream, int version, String type, int schemaVersion, LocalDate occurredAt,
                           String source, String id, String time, ObjectNode data, ObjectNode derived) {
    }

    /** What {@link #appendAll} stored: the first {@code inserted} events, in order; the rest were not written. */
    public record BulkAppend(List<StoredEvent> events, int inserted) {
    }

    /**
     * Appends many decided events with one ordered bulk insert (a batch, or a group of single events), at positions
     * {@code first}, {@code first + 1}, ... that the caller reserved with {@link #reservePositions} (once per batch,
     * or ahead for many groups). Ordered: the insert stops at the first event that loses a race on a unique index, so
     * every event before it is stored and none after it is; the caller decides the rest again one by one.
     */
    public BulkAppend appendAll(List<NewEvent> batch, long first) {
        if (batch.isEmpty()) {
            return new BulkAppend(List.of(), 0);
        }
        Date recordedAt = new Date();
        List<Document> docs = new ArrayList<>(batch.size());
        List<StoredEvent> stored = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            NewEvent e = batch.get(i);
            long position = first + i;
            docs.add(StoredEventCodec.document(position, e.stream(), e.version(), e.type(), e.schemaVersion(), e.occurredAt(), recordedAt,
                    e.source(), e.id(), e.time(), e.data(), e.derived()));
            stored.add(new StoredEvent(position, e.stream(), e.version(), e.type(), e.schemaVersion(), e.occurredAt(),
                    recordedAt.toInstant(), e.source(), e.id(), e.time(), e.data(), e.derived(), null));
        }
        try {
            events.insertMany(docs, new InsertManyOptions().ordered(true));
            return new BulkAppend(stored, stored.size());
        } catch (MongoBulkWriteException e) {
            BulkWriteError error = e.getWriteErrors().get(0);
            if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return new BulkAppend(stored, error.getIndex());
        }
    }

    public Optional<StoredEvent> findBySourceAndId(String source, String id) {
        return Optional.ofNullable(events.find(new Document("source", source).append("id", id)).first()).map(codec::toEvent);
    }

    /** The person's accepted events, oldest first. */
    public List<StoredEvent> readStream(String stream) {
        return readStreams(List.of(stream)).get(stream);
    }

    /**
     * Each person's accepted events, oldest first, for many people in as few round trips as their streams allow:
     * one query asks for versions 1 to {@value #FIRST_WINDOW} of every stream by its single-field key; only the
     * streams that filled that window are asked again, for a four times wider one. A stream's versions are
     * contiguous from 1 (an append takes the next one, an erasure deletes them all), so it ends at its first
     * missing version.
     */
    public Map<String, List<StoredEvent>> readStreams(Collection<String> streams) {
        Map<String, List<StoredEvent>> out = new HashMap<>();
        List<String> open = new ArrayList<>();
        for (String s : streams) {
            if (out.putIfAbsent(s, new ArrayList<>()) == null) {
                open.add(s);
            }
        }
        int from = 1;
        int window = FIRST_WINDOW;
        while (!open.isEmpty()) {
            List<String> next = new ArrayList<>();
            int perQuery = Math.max(1, KEYS_PER_QUERY / window);
            for (int start = 0; start < open.size(); start += perQuery) {
                List<String> chunk = open.subList(start, Math.min(open.size(), start + perQuery));
                List<String> keys = new ArrayList<>(chunk.size() * window);
                for (String s : chunk) {
                    for (int v = from; v < from + window; v++) {
                        keys.add(StoredEventCodec.streamVersion(s, v));
                    }
                }
                Map<String, List<StoredEvent>> found = new HashMap<>();
                for (Document d : events.find(Filters.in(StoredEventCodec.STREAM_VERSION, keys))) {
                    StoredEvent e = codec.toEvent(d);
                    found.computeIfAbsent(e.stream(), k -> new ArrayList<>()).add(e);
                }
                for (String s : chunk) {
                    List<StoredEvent> got = found.getOrDefault(s, new ArrayList<>());
                    got.sort(Comparator.comparingInt(StoredEvent::version));
                    List<StoredEvent> stream = out.get(s);
                    for (StoredEvent e : got) {
                        if (e.version() != stream.size() + 1) {
                            break; // a gap cannot happen; if it did, the stream as the rules know it ends before it
                        }
                        stream.add(e);
                    }
                    if (stream.size() == from + window - 1) {
                        next.add(s); // the window was full: there may be more
                    }
                }
            }
            open = next;
            from += window;
            window *= 4;
        }
        return out;
    }

    private static final int FIRST_WINDOW = 8;
    /**
     * Keys (streams x window) per query. The embedded server finds each key in the index, then matches every document
     * found against the whole $in list again (found x keys comparisons), so a long list costs more than a round trip.
     */
    private static final int KEYS_PER_QUERY = 2_048;

    /** Unpublished events in position order: the outbox. */
    public List<StoredEvent> findUnpublished(int limit) {
        return events.find(eq("publishedAt", null)).sort(Sorts.ascending("_id")).limit(limit)
                .map(codec::toEvent).into(new ArrayList<>());
    }

    public long countUnpublished() {
        return events.countDocuments(eq("publishedAt", null));
    }

    public void markPublished(List<Long> positions, Instant at) {
        if (positions.isEmpty()) {
            return;
        }
        // One point update per position in one bulk request, not updateMany({_id: {$in: [...]}}): the embedded
        // server matches every found document against the whole $in list again, n^2 comparisons per batch.
        Date publishedAt = Date.from(at);
        List<UpdateOneModel<Document>> updates = new ArrayList<>(positions.size());
        for (Long p : positions) {
            updates.add(new UpdateOneModel<>(new Document("_id", p), Updates.set("publishedAt", publishedAt)));
        }
        events.bulkWrite(updates, new BulkWriteOptions().ordered(false));
    }

    public long count() {
        return events.countDocuments();
    }

    /**
     * Deletes every event of {@code stream} (a person's erasure), published or still in the outbox, and returns how
     * many were deleted. Idempotent: a second call deletes nothing. The (source, id) of the deleted events go with
     * them, so the door must refuse the person from now on ({@link ErasureLedger}): a partner's retry would otherwise
     * be accepted as new.
     */
    public long deleteStream(String stream) {
        return events.deleteMany(eq("stream", stream)).getDeletedCount();
    }

    private long nextPosition() {
        return nextPositions(1);
    }

    /**
     * Reserves {@code n} consecutive positions and returns the first. Every position reserved is higher than every
     * position reserved before, by any writer; one never used (a crash, a block reserved ahead) is a harmless gap.
     */
    public long reservePositions(int n) {
        return nextPositions(n) - n + 1;
    }

    /** Reserves {@code n} positions and returns the last; a crash leaves a harmless gap. */
    private long nextPositions(int n) {
        Document counter = counters.findOneAndUpdate(eq("_id", EVENTS), Updates.inc("seq", (long) n),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return ((Number) counter.get("seq")).longValue();
    }
}
