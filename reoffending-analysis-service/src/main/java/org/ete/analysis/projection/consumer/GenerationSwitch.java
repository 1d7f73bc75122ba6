package org.ete.analysis.projection.consumer;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ete.analysis.projection.ErasedPeople;
import org.ete.analysis.projection.PeopleIndex;
import org.ete.analysis.projection.PersonState;
import org.ete.analysis.projection.PersonStore.ActiveGeneration;
import org.ete.analysis.projection.PersonStore;
import org.ete.analysis.projection.ProjectionConfig;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which projection generation readers use, the live runner feeding it, and the blue/green switch to a rebuilt one.
 * Each generation is fed by its own consumer group. At start the active generation's states fill the index and its
 * runner starts; a rebuild runner fills a new generation from offset 0 without touching the index, and once its
 * {@link RebuildWatch} says it has caught up, the switch makes it the live one.
 */
@ApplicationScoped
public class GenerationSwitch {
    private static final Logger LOG = Logger.getLogger(GenerationSwitch.class);

    private final PersonStore store;
    private final PeopleIndex index;
    private final ProjectionConfig config;
    private final ProjectionRunners runners;
    private final RecordDecoder decoder;
    private final ProjectionWriter writer;
    private final ProjectionMetrics metrics;
    private final ErasedPeople erased;
    /** Serialises a switch with dead-letter replays, so a replay never writes to a generation being left. */
    private final ReentrantLock switching = new ReentrantLock();
    private volatile ActiveGeneration active;
    private volatile ProjectionRunner live;

    GenerationSwitch(PersonStore store, PeopleIndex index, ProjectionConfig config, ProjectionRunners runners,
                     RecordDecoder decoder, ProjectionWriter writer, ProjectionMetrics metrics, ErasedPeople erased) {
        this.store = store;
        this.index = index;
        this.config = config;
        this.runners = runners;
        this.decoder = decoder;
        this.writer = writer;
        this.metrics = metrics;
        this.erased = erased;
    }

    void onStart(@Observes StartupEvent ignored) {
        active = store.active(config.groupId());
        // An erasure that crashed between its ledger record and its removal is finished by the topic's redelivery;
        // until then its person is not served.
        store.forEach(active.generation(), s -> {
            if (!erased.isErased(s.personId())) {
                index.put(s);
            }
        });
        LOG.infof("Projection index loaded from generation %d: %d people", active.generation(), index.size());
        if (config.enabled()) {
            live = runners.start(active.generation(), active.groupId(), true, null);
        }
    }

    /** The generation readers use and the consumer group feeding it. */
    public ActiveGeneration active() {
        return active;
    }

    /** False when this instance runs without consuming ({@link ProjectionConfig#enabled()}). */
    public boolean enabled() {
        return config.enabled();
    }

    /** Records not yet applied by the live runner, over its partitions; null until it has measured once. */
    public Long liveLag() {
        ProjectionRunner r = live;
        return r == null || !r.lagMeasured() ? null : metrics.totalLag();
    }

    /** Records the live runner has handled since this process started. */
    public long liveHandled() {
        ProjectionRunner r = live;
        return r == null ? 0 : r.handled();
    }

    /**
     * Starts filling {@code generation} (its collection must be empty) from offset 0 with a consumer group of its own.
     * The index is not touched until {@code watch} says the generation has caught up; then readers switch to it.
     */
    public ProjectionRunner startRebuild(int generation, RebuildWatch watch) {
        return runners.start(generation, config.groupId() + "-g" + generation, false,
                rebuild -> afterRebuildPoll(rebuild, watch));
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
            return writer.write(decoder.decode(record), active.generation(), true, false);
        } finally {
            switching.unlock();
        }
    }

    /** On the rebuild runner's thread, after each of its polls until it goes live. */
    private void afterRebuildPoll(ProjectionRunner rebuild, RebuildWatch watch) {
        try {
            if (watch.caughtUp(rebuild)) {
                watch.switched(rebuild, promote(rebuild));
            }
        } catch (RuntimeException e) {
            watch.failed(rebuild, e);
            if (!rebuild.live()) {
                rebuild.stop();
            }
        }
    }

    /**
     * Makes the rebuilt generation the one readers use: stops the live runner, records the new active generation in
     * MongoDB, replaces the index with the new generation's states (one write-locked step, so readers see the old
     * answers or the new ones, never a mix), and lets {@code rebuilt} carry on as the live runner. Runs on
     * {@code rebuilt}'s thread (see {@link #afterRebuildPoll}), so nothing is applied to the new generation while its
     * states are loaded. If it fails before the switch, the old runner is started again.
     *
     * @return the generation that was active before
     */
    private ActiveGeneration promote(ProjectionRunner rebuilt) {
        switching.lock();
        java.util.concurrent.locks.Lock applying = erased.applying();
        boolean gated = false;
        try {
            ActiveGeneration previous = active;
            ProjectionRunner old = live;
            if (old != null) {
                old.stop();
            }
            // No erasure between reading the new generation and replacing the index: it would put the person back.
            // (Taken after the old runner stopped: that runner may be waiting for it behind a queued erasure.)
            applying.lock();
            gated = true;
            ActiveGeneration next = new ActiveGeneration(rebuilt.generation(), rebuilt.groupId());
            List<PersonState> states = new ArrayList<>();
            try {
                store.forEach(rebuilt.generation(), s -> {
                    if (!erased.isErased(s.personId())) {
                        states.add(s);
                    }
                });
                store.activate(next, Instant.now());
            } catch (RuntimeException e) {
                if (old != null) {
                    live = runners.start(old.generation(), old.groupId(), true, null);
                }
                throw e;
            }
            active = next;
            rebuilt.goLive();
            live = rebuilt;
            int changed = index.replaceAll(states);
            LOG.infof("Projection switched from generation %d to %d: %d people, %d changed", previous.generation(),
                    next.generation(), states.size(), changed);
            return previous;
        } finally {
            if (gated) {
                applying.unlock();
            }
            switching.unlock();
        }
    }
}
