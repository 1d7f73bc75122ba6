package org.ete.analysis.projection.consumer;

import org.ete.analysis.projection.PersonStore.ActiveGeneration;

/**
 * A rebuild's part in the generation switch ({@link GenerationSwitch#startRebuild}). The rebuild runner asks it after
 * each of its polls, on its own thread, whether to switch; the switch then happens on that thread between two polls,
 * so nothing is written to the new generation while its states are loaded into the index.
 */
public interface RebuildWatch {
    /** On the rebuild runner's thread after a poll: true if its generation has caught up and readers should switch. */
    boolean caughtUp(ProjectionRunner rebuild);

    /**
     * Readers now use the rebuilt generation, and {@code rebuild} carries on as the live runner. Still on its thread.
     *
     * @param previous the generation that was active before
     */
    void switched(ProjectionRunner rebuild, ActiveGeneration previous);

    /**
     * {@link #caughtUp}, the switch or {@link #switched} failed. The rebuild runner is stopped after this unless it
     * had already gone live; if the switch failed half-way, the previous live runner has been started again.
     */
    void failed(ProjectionRunner rebuild, RuntimeException failure);
}
