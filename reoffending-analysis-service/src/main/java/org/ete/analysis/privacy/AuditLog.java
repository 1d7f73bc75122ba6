package org.ete.analysis.privacy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who read what: one document per read of the analysis API (JSON or CSV), in MongoDB collection {@code audit_log}:
 * {@code {_id, at, principal, method, path, query: [{name, value}], status, rows}}. Append-only: this class inserts
 * and finds, and nothing in the service updates or deletes an entry (an operator enforces it in MongoDB with a role
 * that has only {@code insert} and {@code find} on the collection: docs/operations.md).
 */
@ApplicationScoped
public class AuditLog {
    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    static final String COLLECTION = "audit_log";

    /** One read as recorded; {@code query} holds each query parameter's values in request order. */
    public record Entry(String id, Instant at, String principal, String method, String path,
                        Map<String, List<String>> query, int status, long rows) {
    }

    /** A page of entries, newest first, and the cursor of the next (older) page, or null if this is the last. */
    public record Page(List<Entry> entries, String next) {
    }

    /** Where the next page starts: strictly older than ({@code at}, {@code id}). */
    public record Cursor(Instant at, ObjectId id) {
        public String wire() {
            return at.toEpochMilli() + "." + id.toHexString();
        }

        /** @throws IllegalArgumentException if {@code wire} is not a cursor this log wrote */
        public static Cursor parse(String wire) {
            int dot = wire.indexOf('.');
            if (dot < 1 || !ObjectId.isValid(wire.substring(dot + 1))) {
                throw new IllegalArgumentException("not a cursor");
            }
            try {
                return new Cursor(Instant.ofEpochMilli(Long.parseLong(wire.substring(0, dot))),
                        new ObjectId(wire.substring(dot + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a cursor", e);
            }
        }
    }

    private final MongoCollection<Document> log;

    AuditLog(MongoDatabase database) {
        this.log = database.getCollection(COLLECTION);
    }

    void onStart(@Observes StartupEvent ignored) {
        try {
            log.createIndex(Indexes.descending("at", "_id"));
        } catch (RuntimeException e) {
            LOG.warnf("Index on %s.at not created: %s", COLLECTION, e.toString());
        }
    }

    /** Appends one entry; throws if MongoDB does not take it (the caller then refuses to answer the read). */
    public Entry append(Instant at, String principal, String method, String path, Map<String, List<String>> query,
                        int status, long rows) {
        ObjectId id = new ObjectId();
        Date when = Date.from(at);
        List<Document> params = new ArrayList<>();
        query.forEach((name, values) -> values.forEach(v -> params.add(new Document("name", name).append("value", v))));
        log.insertOne(new Document("_id", id).append("at", when).append("principal", principal)
                .append("method", method).append("path", path).append("query", params)
                .append("status", status).append("rows", rows));
        return new Entry(id.toHexString(), when.toInstant(), principal, method, path, query, status, rows);
    }

    /** Entries with {@code from <= at < to} (either open) and, if given, of {@code principal}: newest first. */
    public Page find(Instant from, Instant to, String principal, int limit, Cursor after) {
        List<Bson> filters = new ArrayList<>();
        if (from != null) {
            filters.add(Filters.gte("at", Date.from(from)));
        }
        if (to != null) {
            filters.add(Filters.lt("at", Date.from(to)));
        }
        if (principal != null) {
            filters.add(Filters.eq("principal", principal));
        }
        if (after != null) {
            Date at = Date.from(after.at());
            filters.add(Filters.or(Filters.lt("at", at), Filters.and(Filters.eq("at", at), Filters.lt("_id", after.id()))));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<Entry> entries = new ArrayList<>();
        List<ObjectId> ids = new ArrayList<>();
        for (Document d : log.find(filter).sort(Sorts.descending("at", "_id")).limit(limit + 1)) {
            ids.add(d.getObjectId("_id"));
            entries.add(entry(d));
        }
        String next = null;
        if (entries.size() > limit) {
            entries.remove(limit);
            Entry last = entries.get(limit - 1);
            next = new Cursor(last.at(), ids.get(limit - 1)).wire();
        }
        return new Page(entries, next);
    }

    private static Entry entry(Document d) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (Document p : d.getList("query", Document.class, List.of())) {
            query.computeIfAbsent(p.getString("name"), k -> new ArrayList<>()).add(p.getString("value"));
        }
        return new Entry(d.getObjectId("_id").toHexString(), d.getDate("at").toInstant(), d.getString("principal"),
                d.getString("method"), d.getString("path"), query, ((Number) d.get("status")).intValue(),
                ((Number) d.get("rows")).longValue());
    }
}
