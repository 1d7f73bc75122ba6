package org.ete.analysis.projection.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where the projection puts a record it can never apply, so that it can move on. The projection owns this port and
 * the dead-letter feature implements it ({@code operations.DeadLetters}): the projection knows nothing more of dead
 * letters than this method.
 */
public interface DeadLetterSink {
    /**
     * Records {@code record} as a dead letter for {@code poison}, unless it already is one. Called on a runner's thread
     * before the record's offset is committed.
     *
     * @return false if it already was a dead letter
     * @throws RuntimeException if it could not be recorded: the runner retries the record like any transient failure
     */
    boolean record(ConsumerRecord<String, byte[]> record, PoisonException poison);
}
