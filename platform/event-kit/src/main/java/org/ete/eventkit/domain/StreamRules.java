package org.ete.eventkit.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * What a producing service contributes: its invariants, checked against the person's own stream before
 * the append. Exactly one bean per service implements it.
 */
public interface StreamRules {

    /**
     * Throws {@link RuleViolation} if {@code candidate} may not follow {@code history} (the person's accepted
     * events, oldest first, in the current shape of their types). Called again from fresh state if a concurrent
     * append wins the race.
     */
    void check(DomainEvent candidate, List<DomainEvent> history);

    /** Values computed at the append and stored beside the event (e.g. an OGRS3 score); null for none. */
    default ObjectNode derive(DomainEvent candidate) {
        return null;
    }
}
