package org.ete.eventkit.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.bson.Document;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.eventkit.upcast.JobStartedV0Upcaster;
import org.ete.eventkit.upcast.Upcasters;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store's read path: a document written at an older schema version (as the store wrote it then) comes back in the
 * current shape with the current version; a current document comes back exactly as stored.
 */
class EventStoreUpcastTest {

    static StoredEventCodec store(Upcasters upcasters) {
        return new StoredEventCodec(new ObjectMapper(), upcasters);
    }

    /** A document as {@link EventStore#append} writes it. */
    static Document stored(int schemaVersion, Document data) {
        return new Document("_id", 7L).append("stream", "p".repeat(64)).append("version", 1)
                .append("type", EventType.JOB_STARTED.type()).append("schemaVersion", schemaVersion)
                .append("occurredAt", "2021-05-10").append("recordedAt", Date.from(Instant.parse("2021-05-11T08:00:00Z")))
                .append("source", "urn:partner").append("id", "e-1").append("time", null)
                .append("data", data).append("derived", null).append("publishedAt", null);
    }

    static Document v0Data() {
        return new Document("jobId", "JOB-2021-0932").append("sector", "warehousing")
                .append("employer", "Trentside Logistics Ltd").append("hours", 37.5).append("startedOn", "2021-05-10");
    }

    @Test
    void anEventStoredAtVersion0IsReadAsTheCurrentShape() {
        StoredEvent e = store(Upcasters.of(new JobStartedV0Upcaster())).toEvent(stored(0, v0Data()));
        assertEquals(EventType.JOB_STARTED.schemaVersion(), e.schemaVersion());
        assertEquals(EventCatalogue.schema(EventType.JOB_STARTED).get("examples").get(0), e.data());
        assertEquals(LocalDate.of(2021, 5, 10), e.occurredAt());
        assertEquals(7L, e.position());
        assertNull(e.publishedAt());
    }

    @Test
    void aCurrentEventIsReadExactlyAsStored() {
        Document current = v0Data();
        current.remove("hours");
        current.append("hoursPerWeek", 37.5);
        StoredEvent e = store(Upcasters.of(new JobStartedV0Upcaster())).toEvent(stored(1, current));
        assertEquals(1, e.schemaVersion());
        assertEquals(EventCatalogue.schema(EventType.JOB_STARTED).get("examples").get(0), e.data());
        StoredEvent withoutUpcasters = store(Upcasters.of()).toEvent(stored(1, current));
        assertEquals(e, withoutUpcasters);
    }

    @Test
    void anEventNoUpcasterCanReadFailsLoudlyNamingItsPosition() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> store(Upcasters.of()).toEvent(stored(0, v0Data())));
        assertTrue(e.getMessage().contains("position 7") && e.getMessage().contains("version 0"), e.getMessage());
    }
}
