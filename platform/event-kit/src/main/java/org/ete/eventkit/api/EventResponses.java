package org.ete.eventkit.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.eventkit.ingest.IngestResult;
import org.ete.servicekit.problem.Problem;
import org.ete.eventkit.store.StoredEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Response bodies of the ingest endpoint and the read side. None carries the case reference or person id. */
public final class EventResponses {
    private EventResponses() {
    }

    /** Answer to one event; {@code duplicate} is true when it had been accepted before. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Acknowledgement(String outcome, boolean duplicate, String id, String source, String type,
                                  Integer streamVersion, Instant recordedAt) {
        static Acknowledgement of(IngestResult r) {
            StoredEvent e = r.event();
            return new Acknowledgement(r.outcome().wire(), r.outcome() == IngestResult.Outcome.DUPLICATE,
                    e.id(), e.source(), e.type(), e.version(), e.recordedAt());
        }
    }

    /** One entry of a batch answer, in request order. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchItem(int index, String outcome, String id, String source, Integer streamVersion,
                            Problem problem) {
    }

    public record BatchResult(int accepted, int duplicates, int rejected, List<BatchItem> results) {
    }

    /**
     * An accepted event as the read side shows it; {@code time} is the partner's CloudEvents {@code time} as sent
     * (absent if it sent none), {@code recordedAt} the service's clock at the append.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventSummary(String id, String source, String type, int schemaVersion, LocalDate occurredAt,
                               Instant recordedAt, int streamVersion, boolean published, ObjectNode data, String time) {
        public static EventSummary of(StoredEvent e) {
            return new EventSummary(e.id(), e.source(), e.type(), e.schemaVersion(), e.occurredAt(), e.recordedAt(),
                    e.version(), e.publishedAt() != null, e.data(), e.time());
        }
    }

    public record PersonEvents(int count, List<EventSummary> events) {
    }
}
