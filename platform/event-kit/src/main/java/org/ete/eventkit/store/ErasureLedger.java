package org.ete.eventkit.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.ete.contracts.PersonErased;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The producing service's record of erased people, MongoDB collection {@code erasures}, one document per person:
 * {@code {_id: personId, erasureId, erasedAt, origin, publishedAt}}. It never holds a case reference. It is the door's
 * list (an event for an erased person is refused) and, for the erasures this service received, its outbox
 * ({@code publishedAt} null until the erasure is on {@code privacy.erasures.v1}). Keyed by person id, so recording an
 * erasure again (a retried request, a redelivered record, another service's erasure of the same person) finds the
 * first and changes nothing.
 */
@ApplicationScoped
public class ErasureLedger {
    static final String COLLECTION = "erasures";

    /** An erasure and whether this call recorded it (false: it was there already). */
    public record Recorded(PersonErased erasure, boolean created) {
    }

    private final MongoCollection<Document> erasures;
    private final Set<String> erased = ConcurrentHashMap.newKeySet();
    /**
     * How often the in-memory set of erased people is read again from MongoDB, so that an erasure another instance
     * recorded is refused at this instance's door within this delay (this instance's own are refused at once).
     */
    static final Duration REFRESH = Duration.ofSeconds(5);
    private volatile long refreshedAtNanos;
    private final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();

    public ErasureLedger(MongoDatabase db) {
        this.erasures = db.getCollection(COLLECTION);
        refresh();
    }

    /** Records the erasure of {@code personId} received by this service ({@code origin}) unless already recorded. */
    public Recorded receive(String personId, String origin) {
        PersonErased fresh = new PersonErased(UUID.randomUUID().toString(), personId,
                Date.from(Instant.now()).toInstant(), origin);
        return insert(fresh, false);
    }

    /** Records an erasure read from the topic (already published) unless this person's erasure is recorded. */
    public Recorded learn(PersonErased erasure) {
        return insert(erasure, true);
    }

    private Recorded insert(PersonErased e, boolean published) {
        Document doc = new Document("_id", e.personId()).append("erasureId", e.erasureId())
                .append("erasedAt", Date.from(e.erasedAt())).append("origin", e.origin())
                .append("publishedAt", published ? new Date() : null);
        try {
            erasures.insertOne(doc);
            erased.add(e.personId());
            return new Recorded(e, true);
        } catch (MongoWriteException ex) {
            if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw ex;
            }
            erased.add(e.personId());
            return new Recorded(find(e.personId()).orElseThrow(), false);
        }
    }

    public Optional<PersonErased> find(String personId) {
        return Optional.ofNullable(erasures.find(Filters.eq("_id", personId)).first()).map(ErasureLedger::erasure);
    }

    /**
     * Whether {@code personId} is erased, from memory: this instance's own erasures at once, other instances' within
     * {@link #REFRESH} (the set is read again from MongoDB when older than that).
     */
    public boolean isErased(String personId) {
        // One caller reads the set again; the others answer from memory meanwhile rather than queue up behind it
        // and each read it once more (every request thread of a busy service used to, every five seconds).
        if (System.nanoTime() - refreshedAtNanos > REFRESH.toNanos() && refreshing.compareAndSet(false, true)) {
            try {
                refresh();
            } catch (RuntimeException e) {
                // keep answering from what is known; the next call tries again
            } finally {
                refreshing.set(false);
            }
        }
        return erased.contains(personId);
    }

    /** Reads every erased person id again (the collection holds one small document per erased person). */
    public synchronized void refresh() {
        List<String> ids = erasures.find().projection(Projections.include("_id")).map(d -> d.getString("_id"))
                .into(new ArrayList<>());
        erased.addAll(ids);
        refreshedAtNanos = System.nanoTime();
    }

    /** Erasures received here and not yet on the topic, oldest first. */
    public List<PersonErased> unpublished() {
        return erasures.find(Filters.eq("publishedAt", null)).map(ErasureLedger::erasure).into(new ArrayList<>());
    }

    public void markPublished(String personId, Instant at) {
        erasures.updateOne(Filters.eq("_id", personId), Updates.set("publishedAt", Date.from(at)));
    }

    public long count() {
        return erasures.countDocuments();
    }

    private static PersonErased erasure(Document d) {
        return new PersonErased(d.getString("erasureId"), d.getString("_id"), d.getDate("erasedAt").toInstant(),
                d.getString("origin"));
    }
}
