package org.ete.eventkit.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.contracts.EventType;
import org.ete.contracts.Service;
import org.ete.eventkit.store.StoredEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublicationViewsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A view as a service would write one: drops a field, adds one. */
    record DropField(String type, String field) implements PublicationView {
        @Override
        public ObjectNode publish(ObjectNode stored) {
            stored.remove(field);
            return stored.put("seen", true);
        }
    }

    static StoredEvent stored(EventType type, ObjectNode data) {
        return new StoredEvent(7, "p".repeat(64), 1, type.type(), type.schemaVersion(), LocalDate.of(2021, 3, 15),
                Instant.parse("2021-03-15T10:00:00Z"), "urn:test", "id-1", null, data, null, null);
    }

    @Test
    void theViewOfAViewedTypeIsPublishedAtThePublishedSchemaVersionAndTheStoredDataIsUntouched() {
        PublicationViews views = new PublicationViews(
                List.of(new DropField(EventType.REFERRAL_RECEIVED.type(), "dateOfBirth")), Service.REFERRAL);
        ObjectNode data = JSON.createObjectNode().put("referralDate", "2021-03-15").put("dateOfBirth", "1990-01-01");
        StoredEvent event = stored(EventType.REFERRAL_RECEIVED, data);
        StoredEvent out = views.published(event);
        assertFalse(out.data().has("dateOfBirth"));
        assertTrue(out.data().path("seen").asBoolean());
        assertEquals(EventType.REFERRAL_RECEIVED.publishedSchemaVersion(), out.schemaVersion());
        assertEquals(3, out.schemaVersion(), "ADR 0015");
        assertEquals("1990-01-01", event.data().path("dateOfBirth").asText(), "the stored event is not changed");
        assertEquals(List.of(event.position(), event.stream(), event.version(), event.type(), event.id(),
                event.source(), event.occurredAt(), event.recordedAt()), List.of(out.position(), out.stream(),
                out.version(), out.type(), out.id(), out.source(), out.occurredAt(), out.recordedAt()));
    }

    /** A view that publishes a value derived at the append gets it (a copy) with the data, so it need not compute it. */
    @Test
    void theViewIsGivenACopyOfWhatWasDerivedAtTheAppend() {
        PublicationView copiesDerived = new PublicationView() {
            @Override
            public String type() {
                return EventType.REFERRAL_RECEIVED.type();
            }

            @Override
            public ObjectNode publish(ObjectNode stored) {
                return publish(stored, null);
            }

            @Override
            public ObjectNode publish(ObjectNode stored, ObjectNode derived) {
                stored.set("score", derived == null ? null : derived.remove("score"));
                return stored;
            }
        };
        PublicationViews views = new PublicationViews(List.of(copiesDerived), Service.REFERRAL);
        StoredEvent plain = stored(EventType.REFERRAL_RECEIVED, JSON.createObjectNode().put("referralDate", "2021-03-15"));
        ObjectNode derived = JSON.createObjectNode().put("score", 0.25);
        StoredEvent event = new StoredEvent(plain.position(), plain.stream(), plain.version(), plain.type(),
                plain.schemaVersion(), plain.occurredAt(), plain.recordedAt(), plain.source(), plain.id(), plain.time(),
                plain.data(), derived, null);
        StoredEvent out = views.published(event);
        assertEquals(0.25, out.data().path("score").doubleValue(), 0.0);
        assertEquals(0.25, event.derived().path("score").doubleValue(), 0.0, "the stored derived values are not changed");
        assertEquals(derived, out.derived());
        assertTrue(views.published(plain).data().path("score").isNull(), "nothing derived");
    }

    @Test
    void aTypeWithoutAViewIsPublishedAsStored() {
        PublicationViews views = new PublicationViews(
                List.of(new DropField(EventType.REFERRAL_RECEIVED.type(), "dateOfBirth")), Service.REFERRAL);
        StoredEvent takeUp = stored(EventType.SERVICE_TAKEN_UP, JSON.createObjectNode().put("takenUpOn", "2021-04-01"));
        assertSame(takeUp, views.published(takeUp));
        StoredEvent job = stored(EventType.JOB_STARTED, JSON.createObjectNode().put("jobId", "J"));
        assertSame(job, new PublicationViews(List.of(), Service.EMPLOYMENT).published(job));
    }

    @Test
    void aServiceWhoseContractAsksForAViewCannotStartWithoutIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new PublicationViews(List.of(), Service.REFERRAL));
        assertTrue(e.getMessage().contains(EventType.REFERRAL_RECEIVED.type()), e.getMessage());
    }

    @Test
    void aViewIsRefusedForAnotherServicesTypeATypePublishedAsReceivedAnUnknownTypeOrTwice() {
        PublicationView referral = new DropField(EventType.REFERRAL_RECEIVED.type(), "dateOfBirth");
        assertThrows(IllegalStateException.class, () -> new PublicationViews(List.of(referral), Service.TRAINING));
        assertThrows(IllegalStateException.class, () -> new PublicationViews(
                List.of(referral, new DropField(EventType.SERVICE_TAKEN_UP.type(), "x")), Service.REFERRAL));
        assertThrows(IllegalStateException.class, () -> new PublicationViews(
                List.of(referral, new DropField("ete.referral.teleported.v1", "x")), Service.REFERRAL));
        assertThrows(IllegalStateException.class, () -> new PublicationViews(
                List.of(referral, new DropField(EventType.REFERRAL_RECEIVED.type(), "y")), Service.REFERRAL));
    }
}
