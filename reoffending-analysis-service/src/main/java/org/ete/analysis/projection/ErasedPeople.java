package org.ete.analysis.projection;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.ete.contracts.PersonErased;

import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The analysis service's erasure ledger, MongoDB collection {@code erasures} (one per service, not per projection
 * generation): {@code {_id: personId, erasureId, erasedAt, origin, recordedAt}}, never a case reference (the analysis
 * never sees one). An erased person's events are skipped wherever they are applied: live consumption, a rebuild from
 * offset 0, a dead-letter replay. Every event of the person is skipped, whenever it was recorded: an erasure is
 * permanent, and the producing services refuse the person's events from the erasure on (ADR "erasure ledger").
 * <p>
 * The ledger is also the gate between the projection's writers and an erasure: a writer checks and writes under
 * {@link #applying()} (shared), an erasure records and removes under {@link #erasing()} (exclusive), so no write that
 * checked before the erasure lands after its removal.
 */
@ApplicationScoped
public class ErasedPeople {
    static final String COLLECTION = "erasures";

    private final MongoDatabase database;
    private final Set<String> erased = ConcurrentHashMap.newKeySet();
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();

    public ErasedPeople(MongoDatabase database) {
        this.database = database;
    }

    @PostConstruct
    void load() {
        for (Document d : ledger().find().projection(Projections.include("_id"))) {
            erased.add(d.getString("_id"));
        }
    }

    private MongoCollection<Document> ledger() {
        return database.getCollection(COLLECTION);
    }

    public boolean isErased(String personId) {
        return erased.contains(personId);
    }

    public int size() {
        return erased.size();
    }

    /** Held (shared) while an event is checked against the ledger and applied. */
    public Lock applying() {
        return gate.readLock();
    }

    /** Held (exclusive) while an erasure is recorded and the person removed. */
    public Lock erasing() {
        return gate.writeLock();
    }

    /**
     * Records {@code erasure} (call it holding {@link #erasing()}); from the return on, the person's events are
     * skipped. Returns false if the person was in the ledger already (a redelivery, or a second service's erasure).
     */
    public boolean record(PersonErased erasure) {
        boolean known = erased.contains(erasure.personId());
        try {
            ledger().insertOne(new Document("_id", erasure.personId()).append("erasureId", erasure.erasureId())
                    .append("erasedAt", Date.from(erasure.erasedAt())).append("origin", erasure.origin())
                    .append("recordedAt", new Date()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            known = true;
        }
        erased.add(erasure.personId());
        return !known;
    }
}
