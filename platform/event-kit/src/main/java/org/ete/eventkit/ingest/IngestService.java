package org.ete.eventkit.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.ete.contracts.EventCatalogue;
import org.ete.eventkit.domain.DomainEvent;
import org.ete.eventkit.domain.StreamRules;
import org.ete.servicekit.problem.FieldError;
import org.ete.servicekit.problem.Problem;
import org.ete.servicekit.problem.ProblemException;
import org.ete.servicekit.security.SourceGrant;
import org.ete.eventkit.relay.OutboxRelay;
import org.ete.eventkit.store.ConcurrentAppendException;
import org.ete.eventkit.store.ErasureLedger;
import org.ete.eventkit.store.EventStore;
import org.ete.eventkit.store.StoredEvent;
import org.ete.eventkit.upcast.DataSchemas;
import org.ete.eventkit.upcast.UpcastException;
import org.ete.eventkit.upcast.Upcasters;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One event through the door: envelope, type, subject, schema, dates; pseudonymise; deduplicate on
 * (source, id); check the service's rules against the person's stream; append. A lost race on the store's
 * unique indexes is retried from fresh state, so concurrent repeats resolve to one accepted event.
 */
@ApplicationScoped
public class IngestService {
    static final String METRIC = "ete.ingest.events";
    private static final int MAX_ATTEMPTS = 100;

    private final EventTypes types;
    private final Pseudonymiser pseudonymiser;
    private final EventStore store;
    private final StreamRules rules;
    private final OutboxRelay relay;
    private final MeterRegistry metrics;
    private final Upcasters upcasters;
    private final ErasureLedger erasures;
    private final Clock clock = Clock.systemDefaultZone();

    @Inject
    public IngestService(EventTypes types, Pseudonymiser pseudonymiser, EventStore store, StreamRules rules,
                         OutboxRelay relay, MeterRegistry metrics, Upcasters upcasters, ErasureLedger erasures) {
        this.types = types;
        this.pseudonymiser = pseudonymiser;
        this.store = store;
        this.rules = rules;
        this.relay = relay;
        this.metrics = metrics;
        this.upcasters = upcasters;
        this.erasures = erasures;
    }

    @PostConstruct
    void registerMetrics() {
        // Registered up front so dashboards read 0, not "no data", before the first event.
        for (String type : types.names()) {
            count(type, "accepted", "none");
            count(type, "duplicate", "none");
            count(type, "rejected", "invalid");
            count(type, "rejected", "rule");
            count(type, "rejected", "forbidden");
        }
        count("unknown", "rejected", "invalid");
    }

    /** One event, posted by a caller allowed to post under the sources of {@code grant}. */
    public IngestResult ingest(JsonNode event, SourceGrant grant) {
        IngestResult result;
        try {
            result = appendOne(authorise(validate(event), grant));
        } catch (ProblemException e) {
            result = IngestResult.rejected(e.problem());
        }
        countOutcome(event, result);
        return result;
    }

    private void countOutcome(JsonNode event, IngestResult result) {
        String type = event != null && event.path("type").isTextual() ? event.get("type").textValue() : null;
        String typeTag = type != null && types.find(type).isPresent() ? type : "unknown";
        String reason = result.problem() == null ? "none"
                : switch (result.problem().status()) {
                    case 400 -> "invalid";
                    case 403 -> "forbidden";
                    default -> "rule";
                };
        count(typeTag, result.outcome().wire(), reason).increment();
    }

    /**
     * A batch, in order, each event accepted, a duplicate or rejected on its own. Fast path: every person's stream
     * is read once, the events are decided in memory in request order (so an event may rely on an earlier one of the
     * same batch), and the accepted ones are appended with one ordered bulk insert. If that insert loses a race on a
     * unique index, the events from that one on are decided again one by one, from fresh state, exactly as single
     * events are. Same answers as posting the events one at a time, with far fewer round trips.
     */
    public List<IngestResult> ingestBatch(List<JsonNode> events, SourceGrant grant) {
        int n = events.size();
        IngestResult[] results = new IngestResult[n];
        IncomingEvent[] candidates = new IncomingEvent[n];
        int[] repeatOf = new int[n];
        java.util.Arrays.fill(repeatOf, -1);
        java.util.Map<String, Integer> firstByIdentity = new java.util.HashMap<>();
        java.util.Map<String, StreamSoFar> streams = new java.util.HashMap<>();
        List<Integer> decided = new java.util.ArrayList<>();
        List<EventStore.NewEvent> toAppend = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            try {
                IncomingEvent c = authorise(validate(events.get(i)), grant);
                candidates[i] = c;
                Integer first = firstByIdentity.putIfAbsent(c.source() + "\u0000" + c.id(), i);
                if (first != null) {
                    repeatOf[i] = first; // the same event twice in one batch: answered like its first copy
                    continue;
                }
                StreamSoFar stream = streams.computeIfAbsent(c.personId(), p -> new StreamSoFar(store.readStream(p)));
                List<StoredEvent> history = stream.stored();
                Optional<StoredEvent> self = history.stream()
                        .filter(e -> e.source().equals(c.source()) && e.id().equals(c.id())).findFirst();
                if (self.isPresent()) {
                    results[i] = IngestResult.duplicate(self.get());
                    continue;
                }
                rules.check(c.event(), stream.events());
                int version = history.isEmpty() ? 1 : history.get(history.size() - 1).version() + 1;
                EventStore.NewEvent e = new EventStore.NewEvent(c.personId(), version, c.type(), c.schemaVersion(),
                        c.occurredAt(), c.source(), c.id(), c.time(), c.data(), rules.derive(c.event()));
                toAppend.add(e);
                decided.add(i);
                // Provisional, so later events of this person in the batch are judged against it.
                stream.add(new StoredEvent(-1, e.stream(), e.version(), e.type(), e.schemaVersion(), e.occurredAt(),
                        null, e.source(), e.id(), e.time(), e.data(), e.derived(), null), c.event());
            } catch (ProblemException e) {
                results[i] = IngestResult.rejected(e.problem());
            }
        }
        EventStore.BulkAppend bulk = store.appendAll(toAppend);
        for (int k = 0; k < decided.size(); k++) {
            int i = decided.get(k);
            if (k < bulk.inserted()) {
                results[i] = IngestResult.accepted(bulk.events().get(k));
                relay.appended(bulk.events().get(k));
            } else {
                try {
                    results[i] = appendOne(candidates[i]);
                } catch (ProblemException e) {
                    results[i] = IngestResult.rejected(e.problem());
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (repeatOf[i] >= 0) {
                IngestResult first = results[repeatOf[i]];
                results[i] = first.event() != null ? IngestResult.duplicate(first.event()) : first;
            }
            countOutcome(events.get(i), results[i]);
        }
        return List.of(results);
    }

    /**
     * No partner can forge another's events: the event's {@code source} must be one its token lists. Checked after
     * the envelope (so the source is known to be well formed) and before anything is read or written.
     */
    private static IncomingEvent authorise(IncomingEvent candidate, SourceGrant grant) {
        if (!grant.allows(candidate.source())) {
            String detail = "This token may not post events with source " + candidate.source()
                    + (grant.sources().isEmpty() ? "; it lists no sources (claim \"sources\")"
                    : "; it may post under " + grant.listed());
            throw new ProblemException(new Problem(Problem.TYPE_BASE + "source-not-granted", "Source not granted", 403,
                    detail, null, "source-granted", List.of(new FieldError("/source", "source-granted",
                    "must be one of the sources the token's \"sources\" claim lists"))));
        }
        return candidate;
    }

    /** Envelope, type, subject, schema (after upcasting) and dates; then pseudonymise. Throws ProblemException. */
    private IncomingEvent validate(JsonNode event) {
        List<FieldError> errors = EnvelopeValidator.validate(event);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("The CloudEvent envelope is invalid", errors));
        }
        ObjectNode envelope = (ObjectNode) event;
        String type = envelope.get("type").textValue();
        EventTypeSpec spec = types.find(type).orElseThrow(() -> new ProblemException(Problem.invalid(
                "Unknown event type for this service",
                List.of(new FieldError("/type", "enum", "type must be one of: " + String.join(", ", types.names()))))));
        String subject = envelope.get("subject").textValue();
        if (!types.subjectKind().matches(subject)) {
            throw new ProblemException(Problem.invalid("The subject is not a valid case reference",
                    List.of(new FieldError("/subject", "pattern", "subject must be " + types.subjectDescription()))));
        }
        ObjectNode data = (ObjectNode) envelope.get("data");
        // Schema evolution: data sent at an older schema version (declared by dataschema) is brought to the
        // current shape first, then validated and stored as the current version.
        int declaredVersion = DataSchemas.declaredVersion(spec.type(), envelope.path("dataschema").textValue())
                .orElse(spec.type().schemaVersion());
        if (declaredVersion != spec.type().schemaVersion()) {
            data = upgrade(type, declaredVersion, data);
        }
        errors = DataValidator.validateShape(spec, data);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("The event data does not match the schema of " + type
                    + (declaredVersion != spec.type().schemaVersion()
                    ? " (after upgrading it from schema version " + declaredVersion + ")" : ""), errors));
        }
        errors = DataValidator.validateNotInFuture(spec, data, LocalDate.now(clock));
        if (!errors.isEmpty()) {
            throw new ProblemException(new Problem(Problem.TYPE_BASE + "rule/not-in-future",
                    "A domain rule was broken: not-in-future", 422, "Dates may not be in the future", null,
                    "not-in-future", errors));
        }
        String source = envelope.get("source").textValue();
        String id = envelope.get("id").textValue();
        String time = envelope.path("time").asText(null);
        String personId = pseudonymiser.personId(subject);
        if (erasures.isErased(personId)) {
            // An erased person stays erased: a retry of an event sent before the erasure, or a new one, is refused.
            throw new ProblemException(Problem.ruleBroken(409, "person-erased", "/subject",
                    "This person was erased at their request; their events are no longer accepted"));
        }
        DomainEvent domainEvent = DomainEvent.read(spec.type(), personId, spec.type().occurredAt(data), data);
        return new IncomingEvent(domainEvent, spec.type().schemaVersion(), source, id, time, data);
    }

    /** Deduplicate, check the rules against the person's stream, append; retried from fresh state on a lost race. */
    private IngestResult appendOne(IncomingEvent candidate) {
        String source = candidate.source();
        String id = candidate.id();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<StoredEvent> existing = store.findBySourceAndId(source, id);
            if (existing.isPresent()) {
                return IngestResult.duplicate(existing.get());
            }
            List<StoredEvent> history = store.readStream(candidate.personId());
            // A concurrent repeat may have been appended between the lookup above and this read: it is this
            // very event, so answer duplicate rather than judging the event against its own first copy.
            Optional<StoredEvent> self = history.stream()
                    .filter(e -> e.source().equals(source) && e.id().equals(id)).findFirst();
            if (self.isPresent()) {
                return IngestResult.duplicate(self.get());
            }
            rules.check(candidate.event(), domainEvents(history));
            int version = history.isEmpty() ? 1 : history.get(history.size() - 1).version() + 1;
            try {
                StoredEvent stored = store.append(candidate.personId(), version, candidate.type(),
                        candidate.schemaVersion(), candidate.occurredAt(), source, id, candidate.time(),
                        candidate.data(), rules.derive(candidate.event()));
                relay.appended(stored);
                return IngestResult.accepted(stored);
            } catch (ConcurrentAppendException raceLost) {
                Thread.onSpinWait(); // re-read and decide again
            }
        }
        throw new ProblemException(Problem.of(503, "contention", "Too much contention",
                "The person's stream kept changing; retry the same event later"));
    }

    /** The stream as the rules see it. The store has already brought each event to the current shape of its type. */
    private static List<DomainEvent> domainEvents(List<StoredEvent> history) {
        List<DomainEvent> events = new ArrayList<>(history.size());
        for (StoredEvent e : history) {
            events.add(DomainEvent.read(EventCatalogue.require(e.type()), e.stream(), e.occurredAt(), e.data()));
        }
        return events;
    }

    /**
     * A person's stream during a batch: as stored (for repeats and the next version) and as the rules see it, each
     * stored event read into its domain event once rather than once per later event of the batch.
     */
    private record StreamSoFar(List<StoredEvent> stored, List<DomainEvent> events) {
        StreamSoFar(List<StoredEvent> stored) {
            this(stored, domainEvents(stored));
        }

        void add(StoredEvent stored, DomainEvent event) {
            this.stored.add(stored);
            this.events.add(event);
        }
    }

    private ObjectNode upgrade(String type, int version, ObjectNode data) {
        try {
            return upcasters.toCurrent(type, version, data);
        } catch (UpcastException e) {
            throw new ProblemException(Problem.invalid("The event's schema version cannot be accepted",
                    List.of(new FieldError("/dataschema", "schema-version", e.getMessage()))));
        }
    }

    private io.micrometer.core.instrument.Counter count(String type, String outcome, String reason) {
        return metrics.counter(METRIC, "type", type, "outcome", outcome, "reason", reason);
    }
}
