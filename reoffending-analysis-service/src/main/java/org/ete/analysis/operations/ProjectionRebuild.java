package org.ete.analysis.operations;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.TopicPartition;
import org.ete.analysis.projection.PeopleIndex;
import org.ete.analysis.projection.PersonStore;
import org.ete.analysis.projection.ProjectionConfig;
import org.ete.analysis.projection.consumer.GenerationSwitch;
import org.ete.analysis.projection.consumer.OffsetRange;
import org.ete.analysis.projection.consumer.ProjectionConsumers;
import org.ete.analysis.projection.consumer.ProjectionRunner;
import org.ete.analysis.projection.consumer.RebuildWatch;
import org.ete.servicekit.failure.TransientFailures;
import org.ete.servicekit.problem.Problem;
import org.ete.servicekit.problem.ProblemException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Rebuilds the projection from offset 0 into a new generation while the active one keeps answering, then
 * switches readers to it (blue/green, DESIGN.md "Projections"):
 * <ol>
 *   <li>reserve generation n+1 (never reused, so its collection and consumer group start empty) and capture
 *       the end offset of every partition: the target;</li>
 *   <li>a rebuild runner with consumer group {@code <group>-g<n+1>} fills {@code people_g<n+1>} from offset 0;
 *       poison records meet the dead letters again, which record nothing twice;</li>
 *   <li>caught up = every partition read up to its target and nothing left to read now (or the target reached
 *       {@link ProjectionConfig.Rebuild#switchWait()} ago, so steady traffic cannot postpone the switch forever);
 *       this run is the rebuild's {@link RebuildWatch}, asked after every poll of the rebuild runner;</li>
 *   <li>the switch ({@link GenerationSwitch}, on the rebuild runner's thread): the live runner stops,
 *       {@code projection_meta} names n+1, the index takes the new states under its write lock, and the rebuild
 *       runner carries on live;</li>
 *   <li>other collections than the new generation's and the one just left are dropped (one previous is kept).</li>
 * </ol>
 * One rebuild at a time; progress is in memory (a restart during a rebuild leaves the active generation as it
 * was, and a new rebuild starts afresh).
 */
@ApplicationScoped
public class ProjectionRebuild {
    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);

    public enum State {
        IDLE("idle"), RUNNING("running"), SWITCHING("switching"), DONE("done"), FAILED("failed");

        private final String wire;

        State(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }

    /**
     * The active generation, as answered at {@code GET /v1/admin/projections}. {@code lag}: records on the topics not
     * yet applied by the live projection (null until first measured after start); {@code recordsHandled}: records the
     * live projection handled since this process started.
     */
    public record Active(int generation, int people, String groupId, Long lag, long recordsHandled) {
    }

    /** The current or last rebuild; numbers are null while unknown ({@code idle}: all null). */
    public record Progress(State state, Integer generation, Long eventsApplied, Double eventsPerSecond, Double percent,
                           Long etaSeconds, Instant startedAt, Instant finishedAt, String error) {
    }

    public record Status(Active active, Progress rebuild) {
    }

    private final GenerationSwitch generations;
    private final ProjectionConsumers consumers;
    private final PersonStore store;
    private final PeopleIndex index;
    private final Duration switchWait;

    private volatile Run run;

    ProjectionRebuild(GenerationSwitch generations, ProjectionConsumers consumers, PersonStore store,
                      PeopleIndex index, ProjectionConfig config) {
        this.generations = generations;
        this.consumers = consumers;
        this.store = store;
        this.index = index;
        this.switchWait = config.rebuild().switchWait();
    }

    public Status status() {
        PersonStore.ActiveGeneration active = generations.active();
        Run r = run;
        return new Status(new Active(active.generation(), index.size(), active.groupId(), generations.liveLag(),
                        generations.liveHandled()),
                r == null ? new Progress(State.IDLE, null, null, null, null, null, null, null, null) : r.progress());
    }

    /**
     * Starts a rebuild.
     *
     * @throws ProblemException 409 if one is already running or this instance does not consume
     */
    public synchronized Status start() {
        Run current = run;
        if (current != null && (current.state == State.RUNNING || current.state == State.SWITCHING)) {
            throw new ProblemException(Problem.of(409, "rebuild-in-progress", "A rebuild is already running",
                    "Generation " + current.generation + " is being rebuilt (" + current.state.wire()
                            + "); wait until it is done or failed"));
        }
        if (!generations.enabled()) {
            throw new ProblemException(Problem.of(409, "projection-disabled", "The projection consumer is disabled",
                    "This instance runs with ete.projection.enabled=false and cannot rebuild"));
        }
        Map<TopicPartition, OffsetRange> targets;
        int generation;
        try {
            targets = consumers.offsets();
            generation = store.reserveGeneration(generations.active().generation());
            store.startEmpty(generation);
        } catch (RuntimeException e) {
            if (!TransientFailures.isTransient(e)) {
                throw e;
            }
            throw new ProblemException(Problem.of(503, "projection-unavailable", "Kafka or MongoDB is unavailable",
                    "The rebuild could not start: " + e.getMessage() + "; try again later"));
        }
        Run next = new Run(generation, targets);
        run = next;
        next.runner = generations.startRebuild(generation, next);
        LOG.infof("Rebuilding the projection into generation %d: %d events in %d partitions", generation,
                next.total, targets.size());
        return status();
    }

    /** Keeps the generation just switched to and the one before; older ones and failed attempts go. */
    private void dropOlderGenerations(int previous, int current) {
        try {
            for (int g : store.generations()) {
                if (g != previous && g != current) {
                    store.drop(g);
                    LOG.infof("Dropped projection generation %d", g);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Old projection generations not dropped: %s", e.toString());
        }
    }

    /**
     * One rebuild and its watch on the rebuild runner: its numbers are written on that runner's thread and read by
     * status requests.
     */
    private final class Run implements RebuildWatch {
        final int generation;
        final Map<TopicPartition, OffsetRange> targets;
        final long total;
        final Instant startedAt = Instant.now();
        volatile ProjectionRunner runner;
        volatile State state = State.RUNNING;
        volatile long done;
        volatile Instant targetReachedAt;
        volatile Instant finishedAt;
        volatile String error;

        Run(int generation, Map<TopicPartition, OffsetRange> targets) {
            this.generation = generation;
            this.targets = Map.copyOf(targets);
            this.total = targets.values().stream().mapToLong(r -> r.end() - r.beginning()).sum();
        }

        /** Progress after each poll; caught up once every target is reached and nothing is left, or after the wait. */
        @Override
        public boolean caughtUp(ProjectionRunner r) {
            if (state != State.RUNNING) {
                return false;
            }
            Map<TopicPartition, Long> positions = r.positions(targets.keySet());
            boolean reached = true;
            long read = 0;
            for (Map.Entry<TopicPartition, OffsetRange> e : targets.entrySet()) {
                OffsetRange range = e.getValue();
                Long position = positions.get(e.getKey());
                long size = range.end() - range.beginning();
                long partitionRead = position == null ? 0 : Math.min(size, Math.max(0, position - range.beginning()));
                read += partitionRead;
                reached &= partitionRead >= size;
            }
            done = read;
            if (!reached) {
                return false;
            }
            Instant now = Instant.now();
            if (targetReachedAt == null) {
                targetReachedAt = now;
            }
            if (!nothingLeft(r) && Duration.between(targetReachedAt, now).compareTo(switchWait) < 0) {
                return false;
            }
            state = State.SWITCHING;
            return true;
        }

        @Override
        public void switched(ProjectionRunner r, PersonStore.ActiveGeneration previous) {
            dropOlderGenerations(previous.generation(), generation); // before DONE: no new rebuild meanwhile
            finishedAt = Instant.now();
            state = State.DONE;
            LOG.infof("Projection generation %d is live (%d records in %d s)", generation, r.handled(),
                    Duration.between(startedAt, finishedAt).toSeconds());
        }

        @Override
        public void failed(ProjectionRunner r, RuntimeException e) {
            LOG.errorf(e, "Rebuild of generation %d failed", generation);
            error = e.toString();
            finishedAt = Instant.now();
            state = State.FAILED;
        }

        /** Lag ~0: the runner has read every partition it holds to the end offsets of now. */
        private boolean nothingLeft(ProjectionRunner r) {
            Map<TopicPartition, Long> positions = r.positions(targets.keySet());
            Map<TopicPartition, Long> ends = r.endOffsets(positions.keySet());
            return positions.entrySet().stream().allMatch(e -> e.getValue() >= ends.getOrDefault(e.getKey(), 0L));
        }

        Progress progress() {
            State s = state;
            ProjectionRunner r = runner;
            long applied = r == null ? 0 : r.handled();
            Instant end = finishedAt != null ? finishedAt : Instant.now();
            double seconds = Math.max(0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
            double perSecond = applied / seconds;
            double percent = s == State.DONE || total == 0 ? 100.0 : Math.min(100.0, 100.0 * done / total);
            Long eta = s == State.DONE ? Long.valueOf(0)
                    : s == State.FAILED || perSecond <= 0 ? null : Long.valueOf(Math.round((total - done) / perSecond));
            return new Progress(s, generation, applied, Math.round(perSecond * 10) / 10.0,
                    Math.round(percent * 10) / 10.0, eta, startedAt, finishedAt, error);
        }
    }
}
