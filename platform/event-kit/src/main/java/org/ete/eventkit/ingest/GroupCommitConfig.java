package org.ete.eventkit.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Group commit of single-event requests ({@link IngestService}, {@link GroupCommitter}). */
@ConfigMapping(prefix = "ete.ingest.group-commit")
public interface GroupCommitConfig {
    /**
     * Single events waiting for the committer; one more is answered 503 with Retry-After. Each waiting request holds
     * a worker thread, so this stays below Quarkus's worker pool (200 threads on a small machine): the queue, not the
     * pool, is what fills, and a client is told to come back instead of waiting in an unbounded line.
     */
    @WithDefault("100")
    int queueCapacity();

    /** At most this many waiting events are decided and written together. */
    @WithDefault("100")
    int maxGroup();
}
