package org.ete.eventkit.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.ete.eventkit.upcast.UpcastException;
import org.ete.eventkit.upcast.Upcasters;

import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Date;

/**
 * How an event is laid out as a MongoDB document and read back, apart from the collection that holds it, so the
 * read path (upcasting included) is tested without a server.
 */
final class StoredEventCodec {
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private final ObjectMapper json;
    private final Upcasters upcasters;

    StoredEventCodec(ObjectMapper json, Upcasters upcasters) {
        this.json = json;
        this.upcasters = upcasters;
    }

    /** (stream, version) as one field: {@code <stream>/<version>}, the key many streams are read by at once. */
    static final String STREAM_VERSION = "streamVersion";

    static String streamVersion(String stream, int version) {
        return stream + "/" + version;
    }

    static Document document(long position, String stream, int version, String type, int schemaVersion,
                                     LocalDate occurredAt, Date recordedAt, String source, String id, String time,
                                     ObjectNode data, ObjectNode derived) {
        return new Document("_id", position)
                .append("stream", stream)
                .append("version", version)
                .append(STREAM_VERSION, streamVersion(stream, version))
                .append("type", type)
                .append("schemaVersion", schemaVersion)
                .append("occurredAt", occurredAt.toString())
                .append("recordedAt", recordedAt)
                .append("source", source)
                .append("id", id)
                .append("time", time)
                .append("data", Document.parse(data.toString()))
                .append("derived", derived == null ? null : Document.parse(derived.toString()))
                .append("publishedAt", null);
    }

    /**
     * One stored document as an event in the current shape of its type: data stored at an older schema version goes
     * through the {@link Upcasters} chain (DESIGN.md "Evolution") and is returned with the current version.
     */
    StoredEvent toEvent(Document d) {
        Date published = d.getDate("publishedAt");
        Document derived = d.get("derived", Document.class);
        String type = d.getString("type");
        int schemaVersion = d.getInteger("schemaVersion");
        ObjectNode data = toJson(d.get("data", Document.class));
        if (upcasters.isOutdated(type, schemaVersion)) {
            try {
                data = upcasters.toCurrent(type, schemaVersion, data);
            } catch (UpcastException e) {
                throw new IllegalStateException("Stored event at position " + d.get("_id") + " cannot be read: "
                        + e.getMessage(), e);
            }
            schemaVersion = upcasters.currentVersion(type);
        }
        return new StoredEvent(((Number) d.get("_id")).longValue(), d.getString("stream"), d.getInteger("version"),
                type, schemaVersion, LocalDate.parse(d.getString("occurredAt")),
                d.getDate("recordedAt").toInstant(), d.getString("source"), d.getString("id"), d.getString("time"),
                data, derived == null ? null : toJson(derived),
                published == null ? null : published.toInstant());
    }

    private ObjectNode toJson(Document d) {
        try {
            return (ObjectNode) json.readTree(d.toJson(RELAXED));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
