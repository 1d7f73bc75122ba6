package org.ete.analysis.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ete.analysis.operations.DeadLetters;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.contracts.Topics;
import org.ete.servicekit.failure.TransientFailures;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Consumes the producing services' topics into per-person projection documents and the in-memory index.
 * Offsets are committed only after the write, so a crash replays at most the uncommitted records, and the
 * replay is a no-op because facts are keyed by event identity.
 * <p>
 * Each projection generation is fed by its own consumer group. The live {@link Runner} feeds the active
 * generation and the index; a rebuild runs a second runner that fills a new generation from offset 0 without
 * touching the index, and {@link #promote} makes it the live one once it has caught up (blue/green).
 * <p>
 * A record that can never be applied (not a CloudEvent, unknown type, no subject, bad data, or an apply that
 * fails for a reason retrying cannot cure) is handed to {@link DeadLetters} and the consumer moves on; a
 * transient failure (MongoDB or Kafka unavailable) is retried from that record.
 */
@ApplicationScoped
public class ProjectionConsumer {
    private static final Logger LOG = Logger.getLogger(ProjectionConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration LAG_REFRESH = Duration.ofSeconds(1);

    /** Why a record went to the dead letters; the wire names are the metric's {@code reason} tag. */
    public enum PoisonReason {
        NOT_A_CLOUDEVENT("not-a-cloudevent"),
        UNKNOWN_TYPE("unknown-type"),
        NO_SUBJECT("no-subject"),
        DATA_NOT_OBJECT("data-not-object"),
        INVALID_DATA("invalid-data"),
        APPLY_FAILED("apply-failed");

        private final String wire;

        PoisonReason(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** A record that cannot be applied however often it is retried; {@code type}/{@code eventId} when known. */
    public static final class PoisonException extends RuntimeException {
        private final PoisonReason reason;
        private final String type;
        private final String eventId;

        PoisonException(PoisonReason reason, String detail, String type, String eventId) {
            super(detail, null, false, false);
            this.reason = reason;
            this.type = type;
            this.eventId = eventId;
        }

        public PoisonReason reason() {
            return reason;
        }

        public String type() {
            return type;
        }

        public String eventId() {
            return eventId;
        }
    }

    /** What applying one record did. */
    public enum Outcome {
        /** The fact was new: the person's state changed. */
        APPLIED,
        /** The fact was already there (a redelivery or a repeat): nothing changed. */
        ALREADY_APPLIED
    }

    /** First and end offset of a partition (end = the offset the next record will get). */
    public record OffsetRange(long beginning, long end) {
    }

    @Inject
    PersonStore store;
    @Inject
    PeopleIndex index;
    @Inject
    DeadLetters deadLetters;
    @Inject
    ObjectMapper json;
    @Inject
    MeterRegistry metrics;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "ete.projection.group-id", defaultValue = "reoffending-analysis")
    String groupId;
    @ConfigProperty(name = "ete.projection.enabled", defaultValue = "true")
    boolean enabled;

    private volatile PersonStore.ActiveGeneration active;
    private volatile Runner live;
    private final Set<Runner> runners = ConcurrentHashMap.newKeySet();
    /** Serialises a generation switch with dead-letter replays, so a replay never writes to a generation being left. */
    private final ReentrantLock switching = new ReentrantLock();
    private final Map<TopicPartition, AtomicLong> lags = new ConcurrentHashMap<>();
    private Timer freshness;

    void onStart(@Observes StartupEvent ignored) {
        for (EventType type : EventCatalogue.partnerEvents()) {
            metrics.counter("ete.projection.applied", "type", type.type());
        }
        freshness = Timer.builder("ete.projection.freshness")
                .description("From the producing service's append (recordedAt) to visible in the views")
                .publishPercentiles(0.5, 0.95, 0.99).register(metrics);
        for (String topic : Topics.PRODUCER_TOPICS) {
            lag(new TopicPartition(topic, 0)); // every topic has a partition 0: the gauge reads 0 from the start
        }
        active = store.active(groupId);
        store.forEach(active.generation(), index::put);
        LOG.infof("Projection index loaded from generation %d: %d people", active.generation(), index.size());
        if (enabled) {
            live = new Runner(active.generation(), active.groupId(), true, null);
            live.start();
        }
    }

    void onStop(@Observes ShutdownEvent ignored) {
        for (Runner r : List.copyOf(runners)) {
            r.stop();
        }
    }

    /** The generation readers use and the consumer group feeding it. */
    public PersonStore.ActiveGeneration active() {
        return active;
    }

    /** False when this instance runs without consuming ({@code ete.projection.enabled=false}). */
    public boolean enabled() {
        return enabled;
    }

    /** The consumer group of a rebuilt generation. */
    public String groupIdFor(int generation) {
        return groupId + "-g" + generation;
    }

    /** The offsets of every partition of the consumed topics now, read with a group-less consumer. */
    public Map<TopicPartition, OffsetRange> offsets() {
        Properties p = consumerProperties(null);
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.PRODUCER_TOPICS) {
                List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
                for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
                    partitions.add(new TopicPartition(info.topic(), info.partition()));
                }
            }
            Map<TopicPartition, Long> begin = c.beginningOffsets(partitions, Duration.ofSeconds(10));
            Map<TopicPartition, Long> end = c.endOffsets(partitions, Duration.ofSeconds(10));
            Map<TopicPartition, OffsetRange> out = new LinkedHashMap<>();
            for (TopicPartition tp : partitions) {
                out.put(tp, new OffsetRange(begin.getOrDefault(tp, 0L), end.getOrDefault(tp, 0L)));
            }
            return out;
        }
    }

    /**
     * Starts filling {@code generation} (its collection must be empty) from offset 0 with consumer group
     * {@code rebuildGroupId}. The index is not touched until {@link #promote}. {@code afterPoll} runs on the
     * runner's thread after every poll, with the runner, to follow progress and decide when to switch.
     */
    public Runner startRebuild(int generation, String rebuildGroupId, Consumer<Runner> afterPoll) {
        Runner r = new Runner(generation, rebuildGroupId, false, afterPoll);
        r.start();
        return r;
    }

    /**
     * Makes the rebuilt generation of {@code rebuilt} the one readers use: stops the live runner, records the new
     * active generation in MongoDB, replaces the index with the new generation's states (one write-locked step,
     * so readers see the old answers or the new ones, never a mix), and lets {@code rebuilt} carry on as the live
     * runner. Must be called on {@code rebuilt}'s own thread (from its {@code afterPoll}), so nothing is applied
     * to the new generation while its states are loaded. If it fails before the switch, the old runner resumes.
     *
     * @return the generation that was active before
     */
    public PersonStore.ActiveGeneration promote(Runner rebuilt) {
        if (Thread.currentThread() != rebuilt.thread) {
            throw new IllegalStateException("promote must run on the rebuild runner's thread");
        }
        switching.lock();
        try {
            PersonStore.ActiveGeneration previous = active;
            Runner old = live;
            if (old != null) {
                old.stop();
            }
            PersonStore.ActiveGeneration next = new PersonStore.ActiveGeneration(rebuilt.generation, rebuilt.groupId);
            List<PersonState> states = new ArrayList<>();
            try {
                store.forEach(rebuilt.generation, states::add);
                store.activate(next, Instant.now());
            } catch (RuntimeException e) {
                if (old != null) {
                    live = new Runner(old.generation, old.groupId, true, null);
                    live.start();
                }
                throw e;
            }
            active = next;
            rebuilt.afterPoll = null;
            rebuilt.live = true;
            live = rebuilt;
            int changed = index.replaceAll(states);
            LOG.infof("Projection switched from generation %d to %d: %d people, %d changed", previous.generation(),
                    next.generation(), states.size(), changed);
            return previous;
        } finally {
            switching.unlock();
        }
    }

    /**
     * Applies a record again (a dead-letter replay) to the active generation and the index.
     *
     * @throws PoisonException if it still cannot be applied
     * @throws RuntimeException a transient failure (MongoDB unavailable): try again later
     */
    public Outcome replay(ConsumerRecord<String, byte[]> record) {
        switching.lock();
        try {
            return apply(record, active.generation(), true, false);
        } finally {
            switching.unlock();
        }
    }

    /** Applies one record; {@code live} also updates the index and the metrics. */
    Outcome apply(ConsumerRecord<String, byte[]> record, int generation, boolean live, boolean timeFreshness) {
        Decoded event = decode(record);
        PersonState state;
        try {
            state = store.apply(generation, event.subject(), event.fact());
            if (state != null && live) {
                index.put(state);
            }
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e)) {
                throw e;
            }
            throw new PoisonException(PoisonReason.APPLY_FAILED, e.toString(), event.fact().type(), event.id());
        }
        if (state == null) {
            return Outcome.ALREADY_APPLIED;
        }
        if (live) {
            metrics.counter("ete.projection.applied", "type", event.fact().type()).increment();
            if (timeFreshness && event.fact().recordedAt() != null) {
                freshness.record(Duration.between(event.fact().recordedAt(), Instant.now()));
            }
        }
        return Outcome.APPLIED;
    }

    private record Decoded(String id, String subject, Fact fact) {
    }

    /** Reads a record as a catalogue event and checks its data derives a state, without any I/O. */
    private Decoded decode(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            throw new PoisonException(PoisonReason.NOT_A_CLOUDEVENT, "not a CloudEvent in Kafka binary mode: "
                    + e.getMessage(), null, null);
        }
        String id = event.getId();
        String typeName = event.getType();
        Optional<EventType> type = EventType.fromType(typeName).filter(EventType::isPartnerEvent);
        if (type.isEmpty()) {
            throw new PoisonException(PoisonReason.UNKNOWN_TYPE, "unknown event type '" + typeName + "'", typeName, id);
        }
        if (event.getSubject() == null || event.getSubject().isBlank()) {
            throw new PoisonException(PoisonReason.NO_SUBJECT, "the event has no subject (person id)", typeName, id);
        }
        ObjectNode data = dataObject(event, typeName, id);
        try {
            Object recordedAtExt = event.getExtension("recordedat");
            Instant recordedAt = recordedAtExt == null ? null : Instant.parse(recordedAtExt.toString());
            Object occurredAtExt = event.getExtension("occurredat");
            LocalDate occurredAt = occurredAtExt != null ? LocalDate.parse(occurredAtExt.toString())
                    : type.get().occurredAt(data);
            Fact fact = new Fact(Fact.identity(event.getSource().toString(), id), typeName, occurredAt, recordedAt,
                    data);
            PersonState.derive(event.getSubject(), List.of(fact)); // the fact alone must derive: bad data shows here
            return new Decoded(id, event.getSubject(), fact);
        } catch (RuntimeException e) {
            throw new PoisonException(PoisonReason.INVALID_DATA, e.toString(), typeName, id);
        }
    }

    private ObjectNode dataObject(CloudEvent event, String typeName, String id) {
        if (event.getData() == null) {
            throw new PoisonException(PoisonReason.DATA_NOT_OBJECT, "the event has no data", typeName, id);
        }
        JsonNode data;
        try {
            data = json.readTree(event.getData().toBytes());
        } catch (Exception e) {
            throw new PoisonException(PoisonReason.DATA_NOT_OBJECT, "data is not JSON: " + e.getMessage(), typeName, id);
        }
        if (!(data instanceof ObjectNode object)) {
            throw new PoisonException(PoisonReason.DATA_NOT_OBJECT, "data is not a JSON object", typeName, id);
        }
        return object;
    }

    /** Records not yet applied by the live runner, over its partitions; null until it has measured once. */
    public Long liveLag() {
        Runner r = live;
        if (r == null || !r.lagMeasured) {
            return null;
        }
        return lags.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Records the live runner has handled since this process started. */
    public long liveHandled() {
        Runner r = live;
        return r == null ? 0 : r.handled();
    }

    private AtomicLong lag(TopicPartition tp) {
        return lags.computeIfAbsent(tp, k -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder("ete.projection.lag", holder, AtomicLong::get)
                    .description("Records of the partition not yet applied by the live projection (end offset - position)")
                    .tags("topic", k.topic(), "partition", Integer.toString(k.partition()))
                    .strongReference(true).register(metrics);
            return holder;
        });
    }

    private Properties consumerProperties(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        if (group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /**
     * One consumer thread feeding one generation with one consumer group. Live: updates the index, the metrics
     * and the lag gauges. Rebuild: writes only to its generation's collection until {@link #promote}.
     */
    public final class Runner {
        private final int generation;
        private final String groupId;
        private final KafkaConsumer<String, byte[]> consumer;
        private final Thread thread;
        private final AtomicLong handled = new AtomicLong();
        private final Set<TopicPartition> seen = new HashSet<>();
        private volatile boolean live;
        private volatile boolean running;
        private volatile Consumer<Runner> afterPoll;
        private Instant lagRefreshed = Instant.EPOCH;
        private volatile boolean lagMeasured;

        Runner(int generation, String groupId, boolean live, Consumer<Runner> afterPoll) {
            this.generation = generation;
            this.groupId = groupId;
            this.live = live;
            this.afterPoll = afterPoll;
            this.consumer = new KafkaConsumer<>(consumerProperties(groupId));
            this.thread = new Thread(this::loop, (live ? "projection-consumer-g" : "projection-rebuild-g") + generation);
            this.thread.setDaemon(true);
        }

        public int generation() {
            return generation;
        }

        public String groupId() {
            return groupId;
        }

        public boolean live() {
            return live;
        }

        /** Records handled so far: applied, already applied or dead-lettered. */
        public long handled() {
            return handled.get();
        }

        /** The next offset to read of each of {@code partitions} assigned to this runner; on its thread only. */
        public Map<TopicPartition, Long> positions(Collection<TopicPartition> partitions) {
            onThread();
            Map<TopicPartition, Long> out = new HashMap<>();
            Set<TopicPartition> assigned = consumer.assignment();
            for (TopicPartition tp : partitions) {
                if (assigned.contains(tp)) {
                    out.put(tp, consumer.position(tp, Duration.ofSeconds(5)));
                }
            }
            return out;
        }

        /** The end offsets now of {@code partitions}; on its thread only. */
        public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
            onThread();
            return consumer.endOffsets(partitions, Duration.ofSeconds(5));
        }

        /** Stops the thread (waiting for it unless called from it); what is done is committed, the rest is redone. */
        public void stop() {
            running = false;
            consumer.wakeup();
            if (Thread.currentThread() != thread) {
                try {
                    thread.join(15_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void start() {
            running = true;
            runners.add(this);
            consumer.subscribe(Topics.PRODUCER_TOPICS, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    List<TopicPartition> fresh = new ArrayList<>();
                    for (TopicPartition tp : partitions) {
                        lag(tp);
                        if (seen.add(tp)) {
                            fresh.add(tp);
                        }
                    }
                    if (!Runner.this.live && !fresh.isEmpty()) {
                        consumer.seekToBeginning(fresh); // a rebuild reads everything, whatever the group holds
                    }
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    if (Runner.this.live) {
                        partitions.forEach(tp -> lag(tp).set(0));
                    }
                }
            });
            thread.start();
        }

        private void loop() {
            try {
                while (running) {
                    try {
                        pollOnce();
                    } catch (WakeupException e) {
                        if (running) {
                            throw e;
                        }
                    } catch (RuntimeException e) {
                        // Never let one failure end the thread: log, wait, carry on from the committed offsets.
                        LOG.errorf(e, "Projection consumer (generation %d) failed; continuing", generation);
                        pause();
                    }
                }
            } finally {
                runners.remove(this);
                try {
                    consumer.close(Duration.ofSeconds(5));
                } catch (RuntimeException e) {
                    LOG.debugf("closing the consumer: %s", e);
                }
            }
        }

        private void pollOnce() {
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
            if (records.isEmpty() || !running) {
                afterPoll();
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            try {
                applyPoll(records);
                for (TopicPartition tp : records.partitions()) {
                    List<ConsumerRecord<String, byte[]>> part = records.records(tp);
                    done.put(tp, new OffsetAndMetadata(part.get(part.size() - 1).offset() + 1));
                }
                handled.addAndGet(records.count());
            } catch (RuntimeException batchFailed) {
                // Transient (e.g. MongoDB unavailable) or a record that needs singling out: go record by record,
                // committing what is done; everything already written is recognised and changes nothing.
                if (TransientFailures.isTransient(batchFailed)) {
                    LOG.debugf("Applying a poll of %d records in one batch failed, going one by one: %s",
                            records.count(), batchFailed);
                } else {
                    LOG.warnf(batchFailed, "Applying a poll of %d records in one batch failed, going one by one",
                            records.count());
                }
                done.clear();
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (!running) {
                        break;
                    }
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    try {
                        handle(record);
                        done.put(tp, new OffsetAndMetadata(record.offset() + 1));
                        handled.incrementAndGet();
                    } catch (RuntimeException e) {
                        // Not the record's fault (e.g. MongoDB unavailable): commit what is done, replay from here.
                        LOG.warnf("Applying %s-%d@%d failed, will retry: %s", record.topic(), record.partition(),
                                record.offset(), e.toString());
                        rewind(records, done);
                        consumer.commitSync(done);
                        pause();
                        return;
                    }
                }
                if (live) {
                    refreshIndex(records); // facts a failed batch had already written were answered "already applied"
                }
            }
            if (!done.isEmpty()) {
                consumer.commitSync(done);
            }
            afterPoll();
        }

        private void afterPoll() {
            if (live) {
                refreshLag();
            }
            Consumer<Runner> listener = afterPoll;
            if (listener != null && running) {
                listener.accept(this);
            }
        }

        /**
         * The fast path: decode the poll (dead-lettering what cannot be read), then one read and one bulk write for
         * all the people it touches ({@link PersonStore#applyAll}); the index and metrics follow. Throws if anything
         * fails, and the caller redoes the poll record by record.
         */
        private void applyPoll(ConsumerRecords<String, byte[]> records) {
            List<PersonStore.PersonFact> facts = new ArrayList<>(records.count());
            for (ConsumerRecord<String, byte[]> record : records) {
                try {
                    Decoded d = decode(record);
                    facts.add(new PersonStore.PersonFact(d.subject(), d.fact()));
                } catch (PoisonException poison) {
                    handle(record); // dead-letters it (decode fails again, with no I/O before it)
                }
            }
            if (facts.isEmpty()) {
                return;
            }
            PersonStore.BatchApplied result = store.applyAll(generation, facts);
            if (!live) {
                return;
            }
            result.states().values().forEach(index::put);
            Instant now = Instant.now();
            for (PersonStore.PersonFact pf : result.applied()) {
                metrics.counter("ete.projection.applied", "type", pf.fact().type()).increment();
                if (pf.fact().recordedAt() != null) {
                    freshness.record(Duration.between(pf.fact().recordedAt(), now));
                }
            }
        }

        /** Puts the stored state of every person the records name into the index. */
        private void refreshIndex(ConsumerRecords<String, byte[]> records) {
            Set<String> people = new HashSet<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                try {
                    people.add(decode(record).subject());
                } catch (PoisonException ignored) {
                    // dead-lettered above; names nobody
                }
            }
            store.states(generation, people).values().forEach(index::put);
        }

        private void handle(ConsumerRecord<String, byte[]> record) {
            try {
                apply(record, generation, live, true);
            } catch (PoisonException poison) {
                // Throws if it cannot be recorded: then retried like any transient failure.
                if (deadLetters.record(record, poison)) {
                    LOG.warnf("Dead-lettered %s-%d@%d (%s): %s", record.topic(), record.partition(), record.offset(),
                            poison.reason().wire(), poison.getMessage());
                } else {
                    LOG.debugf("%s-%d@%d is already a dead letter", record.topic(), record.partition(), record.offset());
                }
            }
        }

        private void refreshLag() {
            Instant now = Instant.now();
            Set<TopicPartition> assigned = consumer.assignment();
            if (assigned.isEmpty() || Duration.between(lagRefreshed, now).compareTo(LAG_REFRESH) < 0) {
                return;
            }
            lagRefreshed = now;
            try {
                Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, Duration.ofSeconds(2));
                for (TopicPartition tp : assigned) {
                    Long end = ends.get(tp);
                    if (end != null) {
                        lag(tp).set(Math.max(0, end - consumer.position(tp, Duration.ofSeconds(2))));
                    }
                }
                lagMeasured = true;
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.debugf("Lag not refreshed: %s", e);
            }
        }

        private void rewind(ConsumerRecords<String, byte[]> records, Map<TopicPartition, OffsetAndMetadata> done) {
            for (TopicPartition tp : records.partitions()) {
                OffsetAndMetadata committed = done.get(tp);
                long offset = committed != null ? committed.offset() : records.records(tp).get(0).offset();
                consumer.seek(tp, offset);
            }
        }

        private void onThread() {
            if (Thread.currentThread() != thread) {
                throw new IllegalStateException("a runner's consumer is used on its own thread only");
            }
        }

        private void pause() {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
