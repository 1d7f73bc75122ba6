package org.ete.analysis.alerts;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.ete.contracts.AlertStatus;
import org.ete.contracts.EventType;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * The last status the monitor recorded per group, in MongoDB collection {@code alert_status}:
 * <pre>
 * {_id: "&lt;by&gt;/&lt;group&gt;", by, group, cohort, status, changedAt, previousStatus, eventId, version,
 *  pending: {status, previousStatus, changedAt, eventId, type, data}}   (pending only while a change is in flight)
 * </pre>
 * {@code pending} is written before an event is published and removed when the publish has been acknowledged and
 * the new status is written, so a change interrupted by a crash is finished with the same event id and payload.
 * Every write is a compare-and-set on {@code version} (single document, no transactions), so two monitors cannot
 * both start a change for the same group.
 */
@ApplicationScoped
public class AlertStatusStore {
    public static final String COLLECTION = "alert_status";

    private final MongoCollection<Document> collection;

    AlertStatusStore(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    /** A change being published: everything needed to publish it again byte for byte. */
    public record Pending(AlertStatus status, AlertStatus previousStatus, Instant changedAt, String eventId,
                          EventType type, String data) {
    }

    /**
     * A group's stored state.
     *
     * @param status  the last recorded status; null if none was ever recorded
     * @param version 0 when there is no document yet
     */
    public record Entry(String id, String by, String group, String cohort, AlertStatus status, Instant changedAt,
                        AlertStatus previousStatus, String eventId, Pending pending, long version) {
        static Entry absent(String id, String by, String group, String cohort) {
            return new Entry(id, by, group, cohort, null, null, null, null, null, 0);
        }

        Entry withPending(Pending p) {
            return new Entry(id, by, group, cohort, status, changedAt, previousStatus, eventId, p, version);
        }

        /** The entry once {@code p} is recorded as the group's status. */
        Entry committed(Pending p) {
            return new Entry(id, by, group, cohort, p.status(), p.changedAt(), p.previousStatus(), p.eventId(), null,
                    version);
        }
    }

    /** Every stored entry, by id. */
    public Map<String, Entry> all() {
        Map<String, Entry> out = new HashMap<>();
        for (Document d : collection.find()) {
            Entry e = read(d);
            out.put(e.id(), e);
        }
        return out;
    }

    public Entry find(String id) {
        Document d = collection.find(Filters.eq("_id", id)).first();
        return d == null ? null : read(d);
    }

    /**
     * Writes {@code next} if the stored version is still {@code next.version()}; returns the entry as stored (with
     * the new version), or null if another writer got there first.
     */
    public Entry write(Entry next) {
        Document doc = new Document("_id", next.id()).append("by", next.by()).append("group", next.group())
                .append("cohort", next.cohort())
                .append("status", next.status() == null ? null : next.status().wire())
                .append("changedAt", next.changedAt() == null ? null : Date.from(next.changedAt()))
                .append("previousStatus", next.previousStatus() == null ? null : next.previousStatus().wire())
                .append("eventId", next.eventId())
                .append("version", next.version() + 1);
        if (next.pending() != null) {
            Pending p = next.pending();
            doc.append("pending", new Document("status", p.status().wire())
                    .append("previousStatus", p.previousStatus().wire())
                    .append("changedAt", Date.from(p.changedAt()))
                    .append("eventId", p.eventId())
                    .append("type", p.type().type())
                    .append("data", p.data()));
        }
        Entry written = new Entry(next.id(), next.by(), next.group(), next.cohort(), next.status(), next.changedAt(),
                next.previousStatus(), next.eventId(), next.pending(), next.version() + 1);
        try {
            if (next.version() == 0) {
                collection.insertOne(doc);
                return written;
            }
            long matched = collection.replaceOne(
                    Filters.and(Filters.eq("_id", next.id()), Filters.eq("version", next.version())), doc)
                    .getMatchedCount();
            return matched == 1 ? written : null;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return null;
            }
            throw e;
        }
    }

    private static Entry read(Document d) {
        Document p = d.get("pending", Document.class);
        Pending pending = p == null ? null : new Pending(AlertStatus.fromWire(p.getString("status")),
                AlertStatus.fromWire(p.getString("previousStatus")), p.getDate("changedAt").toInstant(),
                p.getString("eventId"), EventType.fromType(p.getString("type")).orElseThrow(), p.getString("data"));
        Date changedAt = d.getDate("changedAt");
        Number version = d.get("version", Number.class);
        return new Entry(d.getString("_id"), d.getString("by"), d.getString("group"), d.getString("cohort"),
                status(d.getString("status")), changedAt == null ? null : changedAt.toInstant(),
                status(d.getString("previousStatus")), d.getString("eventId"), pending,
                version == null ? 0 : version.longValue());
    }

    private static AlertStatus status(String wire) {
        return wire == null ? null : AlertStatus.fromWire(wire);
    }
}
