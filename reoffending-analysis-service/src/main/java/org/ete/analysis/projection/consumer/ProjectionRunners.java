package org.ete.analysis.projection.consumer;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Starts {@link ProjectionRunner}s from the projection's parts, and stops whichever still run at shutdown. */
@ApplicationScoped
public class ProjectionRunners {
    private final ProjectionConsumers consumers;
    private final RecordDecoder decoder;
    private final ProjectionWriter writer;
    private final DeadLetterSink deadLetters;
    private final ProjectionMetrics metrics;
    /** Runners whose thread has not ended yet. */
    private final Set<ProjectionRunner> running = ConcurrentHashMap.newKeySet();

    ProjectionRunners(ProjectionConsumers consumers, RecordDecoder decoder, ProjectionWriter writer,
                      DeadLetterSink deadLetters, ProjectionMetrics metrics) {
        this.consumers = consumers;
        this.decoder = decoder;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /**
     * Starts a runner feeding {@code generation} with consumer group {@code groupId}: a live one (index and metrics
     * too) or a rebuild, which reads from offset 0 and calls {@code afterPoll} after each of its polls.
     */
    ProjectionRunner start(int generation, String groupId, boolean live, ProjectionRunner.AfterPoll afterPoll) {
        ProjectionRunner runner = new ProjectionRunner(generation, groupId, live, afterPoll, consumers, decoder, writer,
                deadLetters, metrics, running::remove);
        running.add(runner);
        runner.start();
        return runner;
    }

    void onStop(@Observes ShutdownEvent ignored) {
        for (ProjectionRunner r : List.copyOf(running)) {
            r.stop();
        }
    }
}
