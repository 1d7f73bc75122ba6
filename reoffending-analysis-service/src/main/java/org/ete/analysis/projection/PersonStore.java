package org.ete.analysis.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-person projection documents: {@code {_id: personId, version, facts: [...], derived: {...}}}. A write is
 * a compare-and-set on {@code version} (single-document, no transactions): a concurrent writer makes the
 * loser re-read and re-apply. A fact whose key is already present is a no-op, so redelivery is harmless.
 * <p>
 * The version is the compare-and-set token: whatever writes a person's document (this class, a repair by hand) bumps
 * it, since a batch may write from the document it remembers writing rather than read it again.
 * <p>
 * Each projection generation has its own collection {@code people_g<n>}; which one readers use is recorded in
 * {@code projection_meta} ({@code {_id: "active", generation, groupId}}), so a restart reads the right one.
 */
@ApplicationScoped
public class PersonStore {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(PersonStore.class);
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    private static final Pattern GENERATION_COLLECTION = Pattern.compile("people_g(\\d+)");
    static final String META = "projection_meta";
    private static final int READ_SLICE = 64;
    /**
     * Bytes of recently written documents kept to skip reading them back (BSON as sent, about 1-3 KB a person). 24 MB:
     * a large share of a 256 MB heap is the people index; this covers the people of the last ten thousand or so
     * writes, which is where a person's next events mostly are (a referral's take-up follows it within days).
     */
    private static final long RECENT_BYTES = 24L << 20;
    private static final DocumentCodec DOCUMENT_CODEC = new DocumentCodec(
            CodecRegistries.fromRegistries(com.mongodb.MongoClientSettings.getDefaultCodecRegistry()));

    /** The generation readers use and the Kafka consumer group that feeds it. */
    public record ActiveGeneration(int generation, String groupId) {
    }

    private final MongoDatabase database;
    private final ObjectMapper json;
    /** Generations whose compare-and-set index this process has made sure of (creating it is a round trip). */
    private final Set<Integer> indexed = ConcurrentHashMap.newKeySet();
    private final WrittenPeople written = new WrittenPeople(RECENT_BYTES);

    public PersonStore(MongoDatabase database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    /** Collection of one projection generation; a rebuild writes a new one while the old keeps answering. */
    public MongoCollection<Document> people(int generation) {
        MongoCollection<Document> people = database.getCollection("people_g" + generation);
        if (!indexed.contains(generation)) {
            // The compare-and-set filter {_id, version} must hit an index on exactly those keys: mongo-java-server
            // uses a unique index only for full-key equality and would otherwise scan every person per write.
            // Remembered only once made (creating it again is harmless, writing without it is not).
            people.createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true).name("cas"));
            indexed.add(generation);
        }
        return people;
    }

    /**
     * The active generation as recorded, or generation 1 fed by {@code defaultGroupId} if nothing is recorded yet
     * (a projection that has never been rebuilt keeps the consumer group it always had).
     */
    public ActiveGeneration active(String defaultGroupId) {
        Document d = meta().find(Filters.eq("_id", "active")).first();
        if (d == null) {
            return new ActiveGeneration(1, defaultGroupId);
        }
        return new ActiveGeneration(((Number) d.get("generation")).intValue(), d.getString("groupId"));
    }

    /** Records {@code active} as the generation readers use; one single-document write. */
    public void activate(ActiveGeneration active, Instant at) {
        meta().replaceOne(Filters.eq("_id", "active"), new Document("_id", "active")
                .append("generation", active.generation()).append("groupId", active.groupId())
                .append("activatedAt", Date.from(at)), new ReplaceOptions().upsert(true));
    }

    /**
     * A generation number no rebuild has used yet (above the active one and every earlier attempt), so a new
     * rebuild never resumes a failed attempt's collection or consumer group.
     */
    public synchronized int reserveGeneration(int active) {
        Document d = meta().find(Filters.eq("_id", "rebuild")).first();
        int last = d == null ? 0 : ((Number) d.get("lastGeneration")).intValue();
        for (int g : generations()) {
            last = Math.max(last, g);
        }
        int next = Math.max(last, active) + 1;
        meta().replaceOne(Filters.eq("_id", "rebuild"), new Document("_id", "rebuild").append("lastGeneration", next),
                new ReplaceOptions().upsert(true));
        return next;
    }

    /** The generations that have a collection, in no particular order. */
    public List<Integer> generations() {
        List<Integer> out = new ArrayList<>();
        for (String name : database.listCollectionNames()) {
            Matcher m = GENERATION_COLLECTION.matcher(name);
            if (m.matches()) {
                out.add(Integer.parseInt(m.group(1)));
            }
        }
        return out;
    }

    /** Deletes the person's document from {@code generation} (an erasure); true if there was one. */
    public boolean delete(int generation, String personId) {
        boolean deleted = people(generation).deleteOne(Filters.eq("_id", personId)).getDeletedCount() > 0;
        written.touched(generation, personId);
        return deleted;
    }

    /**
     * Drops a generation's collection and its indexes. The generation is forgotten as indexed, so the next write
     * makes the index again: a rebuild drops its reserved generation before writing into it, and without this every
     * compare-and-set of the rebuild was a collection scan (quadratic: 17 events/s at 35,000 events).
     */
    public void drop(int generation) {
        indexed.remove(generation);
        written.forget(generation);
        database.getCollection("people_g" + generation).drop();
    }

    /**
     * Drops {@code generation} and starts it empty, known to this process as such: until someone else writes it, a
     * person this process has not written there is inserted without being looked for (a rebuild's first write of
     * each person). Someone else's document makes that insert fail on its key, and the batch is redone by reading.
     */
    public void startEmpty(int generation) {
        drop(generation);
        written.knowAll(generation, WrittenPeople.learning());
    }

    /**
     * Adds {@code fact} to the person's set and returns the derived state, or null if the fact was already there
     * (nothing changed).
     */
    public PersonState apply(int generation, String personId, Fact fact) {
        MongoCollection<Document> people = people(generation);
        while (true) {
            Document current = people.find(Filters.eq("_id", personId)).first();
            List<Fact> facts = current == null ? new ArrayList<>() : readFacts(current);
            if (facts.stream().anyMatch(f -> f.key().equals(fact.key()))) {
                return null;
            }
            facts.add(fact);
            PersonState state = PersonState.derive(personId, facts);
            long version = current == null ? 0 : ((Number) current.get("version")).longValue();
            Document next = new Document("_id", personId).append("version", version + 1)
                    .append("facts", facts.stream().map(this::toDocument).toList())
                    .append("derived", derivedDocument(state));
            try {
                if (current == null) {
                    people.insertOne(next);
                    written.touched(generation, personId);
                    return state;
                }
                if (people.replaceOne(new Document("_id", personId).append("version", version), next)
                        .getMatchedCount() == 1) {
                    written.touched(generation, personId);
                    return state;
                }
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            // Lost the compare-and-set: another writer got there first; read again and re-apply.
        }
    }

    /** One fact for one person, as a batch carries it. */
    public record PersonFact(String personId, Fact fact) {
    }

    /**
     * What a batch did: the facts that were new (in batch order, each once) and the derived state, as now stored, of
     * every person the batch names, changed or not (so a reader's copy left stale by an earlier failure heals).
     */
    public record BatchApplied(List<PersonFact> applied, Map<String, PersonState> states) {
    }

    /**
     * Adds a batch's facts with at most one read of the people involved and one unordered bulk write, instead of a
     * read and a write per fact (the projection's throughput on the embedded server is bounded by round trips and by
     * the server's work per document). Each person is written once per batch, however many facts it brings.
     * <p>
     * The read is skipped for people whose document this process wrote lately (it remembers the document as sent and
     * its version) and for people known to have none (a generation started empty by {@link #startEmpty}, or loaded
     * whole by {@link #forEach}): a rebuild reads back almost nothing. The writes are the same compare-and-set as
     * {@link #apply} either way: new people are inserted (a duplicate key means someone else inserted first) and
     * existing ones replaced only at the version read or remembered. If any write loses, or the bulk fails for a
     * reason that is not transient, every fact of the batch is applied again one by one with {@link #apply}
     * (already-present facts are no-ops) and the people are read again, so the stored outcome and the returned
     * states are the same as if no batch had been tried.
     */
    public BatchApplied applyAll(int generation, List<PersonFact> batch) {
        MongoCollection<Document> people = people(generation);
        Map<String, List<Fact>> byPerson = new LinkedHashMap<>();
        for (PersonFact pf : batch) {
            byPerson.computeIfAbsent(pf.personId(), k -> new ArrayList<>()).add(pf.fact());
        }
        Map<String, Document> current = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String personId : byPerson.keySet()) {
            WrittenPeople.Written w = written.recent(generation, personId);
            if (w != null) {
                current.put(personId, w.document().decode(DOCUMENT_CODEC));
            } else if (!written.knownAbsent(generation, personId)) {
                unknown.add(personId);
            }
        }
        current.putAll(read(people, unknown));
        List<WriteModel<RawBsonDocument>> writes = new ArrayList<>();
        List<PendingWrite> pending = new ArrayList<>();
        Map<String, PersonState> states = new LinkedHashMap<>();
        Set<String> newKeys = new HashSet<>();
        for (Map.Entry<String, List<Fact>> e : byPerson.entrySet()) {
            String personId = e.getKey();
            Document doc = current.get(personId);
            List<Fact> facts = new ArrayList<>();
            // the stored facts are written back as stored, unless reading one minimised it (a date of birth
            // published before ADR 0009): then every fact is written from what was read
            boolean asStored = doc == null || readFacts(doc, facts);
            List<Document> factDocuments = doc == null ? new ArrayList<>()
                    : asStored ? new ArrayList<>(doc.getList("facts", Document.class))
                    : new ArrayList<>(facts.stream().map(this::toDocument).toList());
            Set<String> keys = new HashSet<>();
            facts.forEach(f -> keys.add(f.key()));
            boolean added = false;
            for (Fact f : e.getValue()) {
                if (keys.add(f.key())) {
                    facts.add(f);
                    factDocuments.add(toDocument(f));
                    newKeys.add(personId + "\u0000" + f.key());
                    added = true;
                }
            }
            PersonState state = PersonState.derive(personId, facts);
            states.put(personId, state);
            if (!added) {
                continue;
            }
            long version = doc == null ? 0 : ((Number) doc.get("version")).longValue();
            RawBsonDocument next = new RawBsonDocument(new Document("_id", personId).append("version", version + 1)
                    .append("facts", factDocuments).append("derived", derivedDocument(state)), DOCUMENT_CODEC);
            writes.add(doc == null ? new InsertOneModel<>(next)
                    : new ReplaceOneModel<>(new Document("_id", personId).append("version", version), next));
            pending.add(new PendingWrite(personId, version + 1, next));
        }
        List<PersonFact> applied = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PersonFact pf : batch) {
            String k = pf.personId() + "\u0000" + pf.fact().key();
            if (newKeys.contains(k) && seen.add(k)) {
                applied.add(pf);
            }
        }
        if (writes.isEmpty()) {
            return new BatchApplied(applied, states);
        }
        long inserts = writes.stream().filter(w -> w instanceof InsertOneModel).count();
        boolean allWon;
        try {
            BulkWriteResult r = people.withDocumentClass(RawBsonDocument.class)
                    .bulkWrite(writes, new BulkWriteOptions().ordered(false));
            allWon = r.getInsertedCount() == inserts && r.getMatchedCount() == writes.size() - inserts;
        } catch (MongoBulkWriteException e) {
            allWon = false;
            if (e.getWriteErrors().stream()
                    .anyMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
                return oneByOne(generation, batch, applied); // e.g. a document too large: apply() singles it out
            }
        }
        if (!allWon) {
            return oneByOne(generation, batch, applied);
        }
        for (PendingWrite w : pending) {
            written.written(generation, w.personId(), w.version(), w.document());
        }
        return new BatchApplied(applied, states);
    }

    /** A person's document as a batch writes it. */
    private record PendingWrite(String personId, long version, RawBsonDocument document) {
    }

    /**
     * The fallback: every fact through {@link #apply} (present ones are no-ops, whoever wrote them), then every
     * person read again. The facts absent at the batch's read and present now are the ones it applied.
     */
    private BatchApplied oneByOne(int generation, List<PersonFact> batch, List<PersonFact> intended) {
        for (PersonFact pf : batch) {
            apply(generation, pf.personId(), pf.fact());
        }
        Set<String> ids = new LinkedHashSet<>();
        batch.forEach(pf -> ids.add(pf.personId()));
        // what this process remembers of them lost a write or was bypassed: read them next time
        ids.forEach(id -> written.touched(generation, id));
        return new BatchApplied(intended, states(generation, ids));
    }

    /** The stored derived state of each of these people that has a document. */
    public Map<String, PersonState> states(int generation, Collection<String> personIds) {
        Map<String, PersonState> out = new LinkedHashMap<>();
        read(people(generation), personIds).forEach((id, d) -> {
            try {
                out.put(id, PersonState.derive(id, readFacts(d)));
            } catch (RuntimeException unreadable) {
                // a corrupt document: the event that met it is a dead letter (apply() failed on it); the others of
                // the batch must still reach the index, so this one is left out rather than failing them all
                LOG.warnf("Person %s of generation %d cannot be read (%s); left out", id, generation, unreadable);
            }
        });
        return out;
    }

    /** Documents by id, read in slices: the embedded server checks each found document against the whole $in list. */
    private static Map<String, Document> read(MongoCollection<Document> people, Collection<String> personIds) {
        Map<String, Document> out = new HashMap<>();
        List<String> ids = new ArrayList<>(personIds);
        for (int from = 0; from < ids.size(); from += READ_SLICE) {
            for (Document d : people.find(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + READ_SLICE))))) {
                out.put(d.getString("_id"), d);
            }
        }
        return out;
    }

    /** Streams every person's state of a generation, e.g. to fill the in-memory index at start. */
    public void forEach(int generation, Consumer<PersonState> sink) {
        // Bounded batches: the embedded server otherwise answers the first getMore with every remaining person in
        // one message, which the driver must hold whole (it ran a 256 MB service out of heap at 23,000 people).
        WrittenPeople.Bloom seen = WrittenPeople.learning();
        for (Document d : people(generation).find().batchSize(500)) {
            seen.add(d.getString("_id"));
            sink.accept(PersonState.derive(d.getString("_id"), readFacts(d)));
        }
        written.knowAll(generation, seen); // every document read: a person not among them has none
    }

    private MongoCollection<Document> meta() {
        return database.getCollection(META);
    }

    private Document toDocument(Fact f) {
        Document data = BsonJson.toDocument(f.data());
        return new Document("key", f.key()).append("type", f.type()).append("occurredAt", f.occurredAt().toString())
                .append("recordedAt", f.recordedAt() == null ? null : Date.from(f.recordedAt()))
                .append("data", data != null ? data : Document.parse(f.data().toString()));
    }

    private List<Fact> readFacts(Document person) {
        List<Fact> facts = new ArrayList<>();
        readFacts(person, facts);
        return facts;
    }

    /** Adds the person's facts to {@code facts}; false if any was minimised on the way (differs from its document). */
    private boolean readFacts(Document person, List<Fact> facts) {
        boolean asStored = true;
        for (Document d : person.getList("facts", Document.class)) {
            Date recorded = d.getDate("recordedAt");
            Fact stored = new Fact(d.getString("key"), d.getString("type"), LocalDate.parse(d.getString("occurredAt")),
                    recorded == null ? null : recorded.toInstant(), toJson(d.get("data", Document.class)));
            // a fact stored before ADR 0009 may hold a date of birth: it is dropped here, and from the store at the
            // person's next write (a rebuild drops it everywhere, docs/operations.md)
            Fact minimised = ReferralAge.minimised(stored);
            asStored &= minimised == stored;
            facts.add(minimised);
        }
        return asStored;
    }

    /** The derived fields, stored beside the facts for analysts reading MongoDB directly; never read back. */
    private static Document derivedDocument(PersonState s) {
        return new Document("referralDate", s.referral() == null ? null : s.referral().referralDate().toString())
                .append("tookUpOn", s.tookUpOn() == null ? null : s.tookUpOn().toString())
                .append("foundWork", s.foundWork())
                .append("sustainedWork", s.sustainedWork());
    }

    private ObjectNode toJson(Document d) {
        ObjectNode direct = BsonJson.toJson(d);
        if (direct != null) {
            return direct;
        }
        try {
            return (ObjectNode) json.readTree(d.toJson(RELAXED));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
