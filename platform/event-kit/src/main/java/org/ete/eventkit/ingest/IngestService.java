package org.ete.eventkit.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.util.Map;
import java.util.Optional;

/**
 * Events through the door: envelope, type, subject, schema, dates; pseudonymise; deduplicate on (source, id); check
 * the service's rules against the person's stream; append. Single events that arrive together and batches are both
 * decided as a group (one stream read, one bulk insert); a lost race on the store's unique indexes is decided again
 * one by one from fresh state, so concurrent repeats resolve to one accepted event.
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
    private final GroupCommitter<IncomingEvent, IngestResult> committer;
    /** How many single events each group commit took: 1 at low load, the concurrency under load. */
    private final DistributionSummary groupSizes;

    @Inject
    public IngestService(EventTypes types, Pseudonymiser pseudonymiser, EventStore store, StreamRules rules,
                         OutboxRelay relay, MeterRegistry metrics, Upcasters upcasters, ErasureLedger erasures,
                         GroupCommitConfig groupCommit) {
        this.types = types;
        this.pseudonymiser = pseudonymiser;
        this.store = store;
        this.rules = rules;
        this.relay = relay;
        this.metrics = metrics;
        this.upcasters = upcasters;
        this.erasures = erasures;
        this.groupSizes = DistributionSummary.builder("ete.ingest.group.size")
                .description("Single events decided and written together by one group commit").register(metrics);
        this.committer = new GroupCommitter<>("ingest-group-commit", groupCommit.queueCapacity(),
                groupCommit.maxGroup(), this::commitGroup);
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
            count(type, "rejected", "busy");
        }
        count("unknown", "rejected", "invalid");
    }

    /**
     * One event, posted by a caller allowed to post under the sources of {@code grant}. Validated on the caller's
     * thread, then decided and appended together with the single events that arrived with it (group commit: one
     * stream read, one bulk insert, one hand-over to the relay for the group), answered once it is stored. The
     * answer is the one it would get alone; a full queue answers 503 (the resource adds Retry-After).
     */
    public IngestResult ingest(JsonNode event, SourceGrant grant) {
        IngestResult result;
        try {
            result = awaitCommit(committer.submit(authorise(validate(event), grant)));
        } catch (ProblemException e) {
            result = IngestResult.rejected(e.problem());
        } catch (GroupCommitter.Busy e) {
            result = IngestResult.rejected(busy());
        }
        countOutcome(event, result);
        return result;
    }

    /** Longest a single-event request waits for its group's commit before answering 503 (retry the same event). */
    private static final long COMMIT_WAIT_SECONDS = 30;

    private static IngestResult awaitCommit(java.util.concurrent.CompletableFuture<IngestResult> commit) {
        try {
            // Bounded: a committer stuck on an unanswering store must not hold request threads for ever.
            return commit.get(COMMIT_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // It may still be stored; a retry of the same event then answers duplicate.
            return IngestResult.rejected(busy());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // It may still be stored; a retry of the same event then answers duplicate.
            return IngestResult.rejected(busy());
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof GroupCommitter.Busy) {
                return IngestResult.rejected(busy());
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // the store failed: mapped as any failure of the request thread would be
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Problem busy() {
        return Problem.of(503, "busy", "Service Busy",
                "Too many events are waiting to be stored; retry the same event shortly");
    }

    @PreDestroy
    void stopCommitter() {
        committer.stop(10_000);
    }

    private void countOutcome(JsonNode event, IngestResult result) {
        String type = event != null && event.path("type").isTextual() ? event.get("type").textValue() : null;
        String typeTag = type != null && types.find(type).isPresent() ? type : "unknown";
        String reason = result.problem() == null ? "none"
                : switch (result.problem().status()) {
                    case 400 -> "invalid";
                    case 403 -> "forbidden";
                    case 503 -> "busy";
                    default -> "rule";
                };
        count(typeTag, result.outcome().wire(), reason).increment();
    }

    /**
     * A batch, in order, each event accepted, a duplicate or rejected on its own: validated here, then decided and
     * appended together ({@link #decideAndAppend}). Same answers as posting the events one at a time, with far fewer
     * round trips.
     */
    public List<IngestResult> ingestBatch(List<JsonNode> events, SourceGrant grant) {
        int n = events.size();
        IngestResult[] results = new IngestResult[n];
        List<IncomingEvent> candidates = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            try {
                candidates.add(authorise(validate(events.get(i)), grant));
            } catch (ProblemException e) {
                candidates.add(null);
                results[i] = IngestResult.rejected(e.problem());
            }
        }
        decideAndAppend(candidates, results, (count, seen) -> store.reservePositions(count));
        for (int i = 0; i < n; i++) {
            countOutcome(events.get(i), results[i]);
        }
        return List.of(results);
    }

    /** What the committer does with a group of single events that arrived together: one decision, one write. */
    private List<IngestResult> commitGroup(List<IncomingEvent> group) {
        groupSizes.record(group.size());
        IngestResult[] results = new IngestResult[group.size()];
        decideAndAppend(group, results, this::fromBlock);
        return List.of(results);
    }

    /** Where a bulk's positions come from, given how many it needs and the highest position its streams hold. */
    private interface Positions {
        long first(int count, long highestSeen);
    }

    /** Positions the committer reserved ahead and has not used yet (committer thread only). */
    private long blockNext = 1;
    private long blockEnd = 0;
    private static final int POSITION_BLOCK = 1_000;

    /**
     * The committer's positions, drawn in order from a block reserved ahead: no round trip to the counter per group.
     * A person's later event must have a later position (the relay publishes in position order), so the block is
     * given up for a fresh one when a stream just read holds a position at or above its next one (another writer
     * reserved after this block did: the batch path, this committer's one-by-one fallback, another instance); an event
     * appended after the read conflicts on its version instead and is decided again.
     */
    private long fromBlock(int count, long highestSeen) {
        if (blockNext <= highestSeen || blockEnd - blockNext + 1 < count) {
            int size = Math.max(count, POSITION_BLOCK);
            blockNext = store.reservePositions(size);
            blockEnd = blockNext + size - 1;
        }
        long first = blockNext;
        blockNext += count;
        return first;
    }

    /**
     * Decides and appends {@code candidates} in order (a null candidate is already answered in {@code results}):
     * every person's stream is read with one query, the events are decided in memory in arrival order
     * ({@link AppendPlan}), the accepted ones are appended with one ordered bulk insert and handed to the relay at
     * once. If that insert loses a race on a unique index, every event from that one on is decided again one by
     * one, from fresh state, exactly as a lone event is ({@link #appendOne}); a rule broken against the stream as read
     * is answered only after checking the event is not a duplicate stored under another person, as a lone event's
     * lookup on (source, id) would have found.
     */
    private void decideAndAppend(List<IncomingEvent> candidates, IngestResult[] results, Positions positions) {
        int n = candidates.size();
        java.util.Set<String> people = new java.util.HashSet<>();
        for (IncomingEvent c : candidates) {
            if (c != null) {
                people.add(c.personId());
            }
        }
        if (people.isEmpty()) {
            return;
        }
        Map<String, List<StoredEvent>> streams = store.readStreams(people);
        long highestSeen = 0;
        for (List<StoredEvent> stream : streams.values()) {
            for (StoredEvent e : stream) {
                highestSeen = Math.max(highestSeen, e.position());
            }
        }
        AppendPlan.Decision[] plan = AppendPlan.decide(candidates, streams, rules);
        List<EventStore.NewEvent> toAppend = new ArrayList<>();
        List<Integer> appendedAt = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (plan[i] instanceof AppendPlan.Append a) {
                toAppend.add(a.event());
                appendedAt.add(i);
            }
        }
        EventStore.BulkAppend bulk = toAppend.isEmpty() ? new EventStore.BulkAppend(List.of(), 0)
                : store.appendAll(toAppend, positions.first(toAppend.size(), highestSeen));
        List<StoredEvent> stored = bulk.events().subList(0, bulk.inserted());
        for (int k = 0; k < stored.size(); k++) {
            results[appendedAt.get(k)] = IngestResult.accepted(stored.get(k));
        }
        relay.appended(stored);
        // The first event the insert did not take; it and everything after it were decided on a state that lost.
        int redoFrom = bulk.inserted() < toAppend.size() ? appendedAt.get(bulk.inserted()) : n;
        for (int i = 0; i < n; i++) {
            IncomingEvent c = candidates.get(i);
            AppendPlan.Decision d = plan[i];
            try {
                if (d instanceof AppendPlan.RepeatOf r) {
                    IngestResult first = results[r.first()];
                    results[i] = first.event() != null ? IngestResult.duplicate(first.event()) : first;
                } else if (i >= redoFrom && d != null) {
                    results[i] = appendOne(c);
                } else if (d instanceof AppendPlan.Duplicate dup) {
                    results[i] = IngestResult.duplicate(dup.stored());
                } else if (d instanceof AppendPlan.Broken broken) {
                    results[i] = store.findBySourceAndId(c.source(), c.id()).map(IngestResult::duplicate)
                            .orElseGet(() -> IngestResult.rejected(broken.problem()));
                }
            } catch (ProblemException e) {
                results[i] = IngestResult.rejected(e.problem());
            }
        }
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
            rules.check(candidate.event(), AppendPlan.domainEvents(history));
            int version = history.isEmpty() ? 1 : history.get(history.size() - 1).version() + 1;
            try {
                StoredEvent stored = store.append(candidate.personId(), version, candidate.type(),
                        candidate.schemaVersion(), candidate.occurredAt(), source, id, candidate.time(),
                        candidate.data(), rules.derive(candidate.event()));
                relay.appended(List.of(stored));
                return IngestResult.accepted(stored);
            } catch (ConcurrentAppendException raceLost) {
                Thread.onSpinWait(); // re-read and decide again
            }
        }
        throw new ProblemException(Problem.of(503, "contention", "Too much contention",
                "The person's stream kept changing; retry the same event later"));
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
