package org.ete.analysis.projection.consumer;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.ete.contracts.Topics;
import org.ete.servicekit.failure.TransientFailures;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One consumer thread feeding one projection generation with one consumer group: poll, decode, write, then commit
 * (offsets only after the write, so a crash replays at most the uncommitted records, and the replay is a no-op because
 * facts are keyed by event identity). A record that can never be applied goes to the {@link DeadLetterSink} and the
 * runner moves on; a transient failure (MongoDB or Kafka unavailable) is retried from that record.
 * <p>
 * A live runner also updates the index, the metrics and the lag gauges; a rebuild runner writes only to its
 * generation's collection until the {@link GenerationSwitch} makes it live.
 */
public final class ProjectionRunner {
    private static final Logger LOG = Logger.getLogger(ProjectionRunner.class);
    /** How long a poll waits for records: also how soon a stop is noticed if the wakeup races the poll. */
    private static final Duration POLL = Duration.ofMillis(500);
    /** How often the live runner measures its lag (two client calls per partition, so not every poll). */
    private static final Duration LAG_REFRESH = Duration.ofSeconds(1);
    /** Bound on the lag measurement's calls: a slow broker delays the next poll a little, never for long. */
    private static final Duration LAG_TIMEOUT = Duration.ofSeconds(2);
    /** Bound on the position and end-offset calls a rebuild makes to follow its progress. */
    private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(5);
    /** Pause after a failure before trying again, so an unavailable MongoDB is not hammered. */
    private static final long RETRY_PAUSE_MS = 1000;
    /** How long {@link #stop()} waits for the thread to end its poll, commit and close the consumer. */
    private static final long STOP_WAIT_MS = 15_000;

    /** Called on the runner's thread after each poll, with the runner. */
    interface AfterPoll {
        void afterPoll(ProjectionRunner runner);
    }

    private final int generation;
    private final String groupId;
    private final ProjectionConsumers consumers;
    private final Consumer<String, byte[]> consumer;
    private final RecordDecoder decoder;
    private final ProjectionWriter writer;
    private final DeadLetterSink deadLetters;
    private final ProjectionMetrics metrics;
    /** Told when the thread ends, so the runner is no longer stopped at shutdown. */
    private final java.util.function.Consumer<ProjectionRunner> onExit;
    private final Thread thread;
    /** Records handled: applied, already applied or dead-lettered. */
    private final AtomicLong handled = new AtomicLong();
    /** Partitions assigned at least once: a rebuild seeks a partition to its beginning on its first assignment only. */
    private final Set<TopicPartition> seen = new HashSet<>();
    private volatile boolean live;
    private volatile boolean running;
    private volatile AfterPoll afterPoll;
    private Instant lagRefreshed = Instant.EPOCH;
    /** Whether the lag gauges hold a measurement of this runner yet (before that, the lag is unknown, not 0). */
    private volatile boolean lagMeasured;

    ProjectionRunner(int generation, String groupId, boolean live, AfterPoll afterPoll, ProjectionConsumers consumers,
                     RecordDecoder decoder, ProjectionWriter writer, DeadLetterSink deadLetters,
                     ProjectionMetrics metrics, java.util.function.Consumer<ProjectionRunner> onExit) {
        this.generation = generation;
        this.groupId = groupId;
        this.live = live;
        this.afterPoll = afterPoll;
        this.consumers = consumers;
        this.decoder = decoder;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.onExit = onExit;
        this.consumer = consumers.forGroup(groupId);
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

    boolean lagMeasured() {
        return lagMeasured;
    }

    /** The next offset to read of each of {@code partitions} assigned to this runner; on its thread only. */
    public Map<TopicPartition, Long> positions(Collection<TopicPartition> partitions) {
        onThread();
        Map<TopicPartition, Long> out = new HashMap<>();
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition tp : partitions) {
            if (assigned.contains(tp)) {
                out.put(tp, consumer.position(tp, PROGRESS_TIMEOUT));
            }
        }
        return out;
    }

    /** The end offsets now of {@code partitions}; on its thread only. */
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        onThread();
        return consumer.endOffsets(partitions, PROGRESS_TIMEOUT);
    }

    /** Stops the thread (waiting for it unless called from it); what is done is committed, the rest is redone. */
    public void stop() {
        running = false;
        consumer.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(STOP_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** From now on this runner feeds the index and the metrics, and nothing is called after its polls. */
    void goLive() {
        afterPoll = null;
        live = true;
    }

    void start() {
        running = true;
        consumer.subscribe(Topics.PRODUCER_TOPICS, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                List<TopicPartition> fresh = new ArrayList<>();
                for (TopicPartition tp : partitions) {
                    metrics.lag(tp);
                    if (seen.add(tp)) {
                        fresh.add(tp);
                    }
                }
                if (!live && !fresh.isEmpty()) {
                    consumer.seekToBeginning(fresh); // a rebuild reads everything, whatever the group holds
                }
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                if (live) {
                    partitions.forEach(tp -> metrics.lag(tp).set(0));
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
            onExit.accept(this);
            try {
                consumers.close(consumer);
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
            writePoll(records);
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
                    writeOne(record);
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
                reindex(records); // facts a failed batch had already written were answered "already applied"
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
        AfterPoll listener = afterPoll;
        if (listener != null && running) {
            listener.afterPoll(this);
        }
    }

    /** The fast path: decode the poll (dead-lettering what cannot be read), then write it in one batch. */
    private void writePoll(ConsumerRecords<String, byte[]> records) {
        List<DecodedEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(decoder.decode(record));
            } catch (PoisonException poison) {
                deadLetter(record, poison);
            }
        }
        writer.writeAll(events, generation, live);
    }

    private void writeOne(ConsumerRecord<String, byte[]> record) {
        try {
            writer.write(decoder.decode(record), generation, live, true);
        } catch (PoisonException poison) {
            deadLetter(record, poison);
        }
    }

    /** Throws if the dead letter cannot be recorded: the record is then retried like any transient failure. */
    private void deadLetter(ConsumerRecord<String, byte[]> record, PoisonException poison) {
        if (deadLetters.record(record, poison)) {
            LOG.warnf("Dead-lettered %s-%d@%d (%s): %s", record.topic(), record.partition(), record.offset(),
                    poison.reason().wire(), poison.getMessage());
        } else {
            LOG.debugf("%s-%d@%d is already a dead letter", record.topic(), record.partition(), record.offset());
        }
    }

    /** Puts the stored state of every person the records name into the index. */
    private void reindex(ConsumerRecords<String, byte[]> records) {
        Set<String> people = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                people.add(decoder.decode(record).subject());
            } catch (PoisonException ignored) {
                // dead-lettered above; names nobody
            }
        }
        writer.reindex(generation, people);
    }

    private void refreshLag() {
        Instant now = Instant.now();
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty() || Duration.between(lagRefreshed, now).compareTo(LAG_REFRESH) < 0) {
            return;
        }
        lagRefreshed = now;
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, LAG_TIMEOUT);
            for (TopicPartition tp : assigned) {
                Long end = ends.get(tp);
                if (end != null) {
                    metrics.lag(tp).set(Math.max(0, end - consumer.position(tp, LAG_TIMEOUT)));
                }
            }
            lagMeasured = true;
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.debugf("Lag not refreshed: %s", e);
        }
    }

    /** Seeks every partition of the poll back to the first record not done, so the next poll starts there. */
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
            Thread.sleep(RETRY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
