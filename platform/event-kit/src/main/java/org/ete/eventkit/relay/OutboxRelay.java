package org.ete.eventkit.relay;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ete.contracts.CloudEventExtensions;
import org.ete.eventkit.config.ProducingService;
import org.ete.eventkit.publish.PublicationViews;
import org.ete.eventkit.store.EventStore;
import org.ete.eventkit.store.StoredEvent;
import org.ete.servicekit.kafka.KafkaClients;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes unpublished events, in position order, to the service's topic as CloudEvents in Kafka binary
 * mode (idempotent producer, acks=all, keyed by person id), then marks them published. At-least-once: a
 * crash after the send and before the mark sends again after restart, and consumers deduplicate by
 * (source, id). Per-person order holds because a person's later event always has a later position.
 * <p>
 * Fast path: the positions this process appends are queued in memory and published at once. Safety net: a sweep
 * of the outbox ({@code publishedAt: null}) at start and every {@code ete.relay.sweep-interval} publishes whatever
 * the fast path cannot know (an append before a crash, a failed send). The sweep is not per event because
 * scanning the outbox is a collection scan on the embedded MongoDB; a failed send asks for one within a second, so
 * the periodic sweep (default a minute) only covers appends of another instance that crashed before publishing.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final EventStore store;
    private final MeterRegistry metrics;
    private final KafkaClients kafka;
    private final ProducingService producing;
    private final boolean enabled;
    private final int batchSize;
    private final Duration idlePoll;
    private final Duration sweepInterval;

    public OutboxRelay(EventStore store, MeterRegistry metrics, KafkaClients kafka, ProducingService producing, RelayConfig config) {
        this.store = store;
        this.metrics = metrics;
        this.kafka = kafka;
        this.producing = producing;
        this.enabled = config.enabled();
        this.batchSize = config.batchSize();
        this.idlePoll = config.idlePoll();
        this.sweepInterval = config.sweepInterval();
    }

    /** What is published of a stored event: its type's publication view, if the contract has one (ADR 0009). */
    @Inject
    PublicationViews publication;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestUnpublishedEpochMs = new AtomicLong();
    /** Something to do: fresh appends or a sweep request. */
    private boolean pending;
    /** An explicit {@link #wake()}: sweep the outbox now. Appends do not set it (they would sweep after every burst). */
    private boolean sweepRequested;
    /**
     * Events appended by this process and not yet published: the fast path, published as appended with no read of
     * the store (the store holds exactly these values).
     */
    private final ConcurrentLinkedQueue<StoredEvent> fresh = new ConcurrentLinkedQueue<>();
    /**
     * Positions the sweep published lately (relay thread only). An event can be swept between its append and its
     * {@link #appended} call; this keeps the fast path from sending it a second time. Bounded: the window in which
     * that can happen is a few milliseconds.
     */
    private final Set<Long> recentlySwept = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > RECENTLY_SWEPT_MAX;
        }
    });
    private static final int RECENTLY_SWEPT_MAX = 100_000;
    /** At most this many appended events wait in memory; beyond it the sweep publishes them from the store. */
    private static final int FRESH_MAX = 50_000;
    private final java.util.concurrent.atomic.AtomicInteger freshCount = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean running;
    /** Set by a sweep whose sends partly failed (relay thread only). */
    private boolean sweepRetryDue;
    private Producer<String, byte[]> producer;
    private Thread thread;
    private Counter published;
    private String topic;

    void onStart(@Observes StartupEvent ignored) {
        metrics.gauge("ete.outbox.backlog", backlog);
        metrics.gauge("ete.outbox.oldest.age", oldestUnpublishedEpochMs,
                v -> v.get() == 0 ? 0 : Math.max(0, (System.currentTimeMillis() - v.get()) / 1000.0));
        topic = producing.topic();
        published = metrics.counter("ete.relay.published", "topic", topic);
        if (enabled) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent ignored) {
        stop();
    }

    /** Starts the relay thread; also used by tests that simulate a crash between append and publish. */
    public synchronized void start() {
        if (running) {
            return;
        }
        producer = kafka.producer(producerRole(), new StringSerializer(), new ByteArraySerializer());
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kafka.close(producer, Duration.ofSeconds(5));
    }

    /**
     * Called after an append (one event, or a group's bulk) so the events are published at once rather than at the
     * next sweep: one hand-over and one wake-up of the relay thread for the whole group.
     */
    public void appended(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        if (freshCount.get() < FRESH_MAX) { // a counter: ConcurrentLinkedQueue.size() walks the queue
            freshCount.addAndGet(events.size());
            fresh.addAll(events);
            signal(false);
        } else {
            signal(true); // Kafka is far behind (e.g. down): leave it to the sweep rather than hold it all in memory
        }
    }

    /** Asks the relay to sweep the outbox now (e.g. tests that simulate a crash). */
    public void wake() {
        signal(true);
    }

    private void signal(boolean sweep) {
        lock.lock();
        try {
            pending = true;
            sweepRequested |= sweep;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        long nextSweep = 0; // sweep at start: whatever a previous process appended and did not publish
        while (running) {
            try {
                if (System.nanoTime() - nextSweep >= 0) {
                    sweepRetryDue = false;
                    sweep();
                    nextSweep = System.nanoTime() + (sweepRetryDue ? Duration.ofSeconds(1) : sweepInterval).toNanos();
                }
                List<StoredEvent> batch = new ArrayList<>();
                for (StoredEvent e; batch.size() < batchSize && (e = fresh.poll()) != null; ) {
                    freshCount.decrementAndGet();
                    if (!recentlySwept.contains(e.position())) {
                        batch.add(e);
                    }
                }
                if (batch.isEmpty() && fresh.isEmpty()) {
                    backlog.set(0);
                    oldestUnpublishedEpochMs.set(0);
                    if (awaitWork()) {
                        nextSweep = System.nanoTime(); // woken without fresh events: someone asked for a sweep
                    }
                    continue;
                }
                batch.sort(Comparator.comparingLong(StoredEvent::position)); // appends of parallel requests interleave
                backlog.set(freshCount.get() + batch.size());
                oldestUnpublishedEpochMs.set(batch.isEmpty() ? 0 : batch.get(0).recordedAt().toEpochMilli());
                if (publish(batch) < batch.size()) {
                    nextSweep = System.nanoTime() + Duration.ofSeconds(1).toNanos(); // retry the failures soon
                }
            } catch (Exception e) {
                LOG.warnf("Outbox relay failed (will retry): %s", e.toString());
                nextSweep = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    /**
     * Publishes everything still unpublished, in position order. The fast path above only knows this process's
     * appends; the sweep finds the rest (a crash between append and publish, a failed send). It scans the outbox,
     * so it runs at start and then every {@code ete.relay.sweep-interval}, not per event.
     */
    void sweep() throws InterruptedException {
        while (running) {
            List<StoredEvent> batch = store.findUnpublished(batchSize);
            backlog.set(batch.size() < batchSize ? batch.size() : store.countUnpublished());
            oldestUnpublishedEpochMs.set(batch.isEmpty() ? 0 : batch.get(0).recordedAt().toEpochMilli());
            List<Long> marked = publishAndMark(batch);
            recentlySwept.addAll(marked);
            if (marked.size() < batch.size()) {
                sweepRetryDue = true; // the failures stay in the outbox: sweep again within a second
                return;
            }
            if (batch.size() < batchSize) {
                return;
            }
        }
    }

    /** Sends a batch, waits for the broker, marks what it acknowledged; returns how many were marked. */
    int publish(List<StoredEvent> batch) throws InterruptedException {
        return publishAndMark(batch).size();
    }

    /** Sends a batch, waits for the broker, marks what it acknowledged; returns the positions marked. */
    private List<Long> publishAndMark(List<StoredEvent> batch) throws InterruptedException {
        if (batch.isEmpty()) {
            return List.of();
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        for (StoredEvent event : batch) {
            sends.add(producer.send(toRecord(publication.published(event))));
        }
        producer.flush();
        List<Long> done = new ArrayList<>(batch.size());
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(30, TimeUnit.SECONDS);
                done.add(batch.get(i).position());
            } catch (ExecutionException | TimeoutException e) {
                LOG.warnf("Publishing position %d failed; it stays in the outbox: %s", batch.get(i).position(), e.toString());
            }
        }
        store.markPublished(done, Instant.now());
        published.increment(done.size());
        return done;
    }

    /**
     * The event as a Kafka binary-mode CloudEvent. {@code ce_time} is the partner's {@code time} as stored with the
     * event (validated as RFC 3339 at the door, offset kept). If the partner sent no {@code time}, {@code ce_time}
     * carries the record time (the service's clock at the append, UTC), as CloudEvents lets a producer fill it with
     * "the time of the occurrence" as it knows it; the record time is always in its own extension
     * {@code ce_recordedat} ({@link CloudEventExtensions#RECORDED_AT}), so consumers that need it never read it from
     * {@code ce_time}.
     */
    private ProducerRecord<String, byte[]> toRecord(StoredEvent e) {
        OffsetDateTime time = e.time() != null ? OffsetDateTime.parse(e.time()) : e.recordedAt().atOffset(ZoneOffset.UTC);
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(e.id())
                .withSource(URI.create(e.source()))
                .withType(e.type())
                .withSubject(e.stream())
                .withTime(time)
                .withDataContentType("application/json")
                .withExtension(CloudEventExtensions.OCCURRED_AT, e.occurredAt().toString())
                .withExtension(CloudEventExtensions.RECORDED_AT, e.recordedAt().toString())
                .withExtension(CloudEventExtensions.SCHEMA_VERSION, e.schemaVersion())
                .withExtension(CloudEventExtensions.STREAM_VERSION, e.version())
                .withData(e.data().toString().getBytes(StandardCharsets.UTF_8));
        if (e.derived() != null) {
            builder.withExtension(CloudEventExtensions.DERIVED, e.derived().toString());
        }
        CloudEvent event = builder.build();
        return KafkaMessageFactory.createWriter(topic, e.stream()).writeBinary(event);
    }

    /** What the relay needs of its producer; the cluster's settings come from {@link KafkaClients}. */
    private Map<String, Object> producerRole() {
        return Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + topic);
    }

    /** Waits for an append or a wake-up; true if a sweep was asked for ({@link #wake()}). */
    private boolean awaitWork() throws InterruptedException {
        lock.lock();
        try {
            if (!pending && running) {
                work.await(idlePoll.toMillis(), TimeUnit.MILLISECONDS);
            }
            boolean sweep = sweepRequested;
            pending = false;
            sweepRequested = false;
            return sweep;
        } finally {
            lock.unlock();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
