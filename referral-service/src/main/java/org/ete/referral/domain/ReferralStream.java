package org.ete.referral.domain;

import org.ete.contracts.EventType;
import org.ete.eventkit.store.StoredEvent;

import java.util.List;

/** A person's referral history folded into the facts the rules need. */
public record ReferralStream(boolean referred) {

    public static ReferralStream of(List<StoredEvent> history) {
        boolean referred = history.stream().anyMatch(e -> EventType.REFERRAL_RECEIVED.type().equals(e.type()));
        return new ReferralStream(referred);
    }
}
