package org.ete.analysis.projection.consumer;

/** What applying one event did. */
public enum Outcome {
    /** The fact was new: the person's state changed. */
    APPLIED,
    /** The fact was already there (a redelivery or a repeat): nothing changed. */
    ALREADY_APPLIED,
    /** The person is erased ({@link org.ete.analysis.projection.ErasedPeople}): the event was skipped. */
    ERASED
}
