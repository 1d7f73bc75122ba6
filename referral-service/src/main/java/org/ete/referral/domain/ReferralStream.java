package org.ete.referral.domain;

import org.ete.contracts.EventType;
import org.ete.eventkit.store.StoredEvent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A person's referral history folded into the facts the rules need: their referrals in arrival order, each with
 * its take-up and closure. A person may be referred again once a referral is closed, so a stream can hold
 * several referrals; take-up and closure always apply to the latest one ({@link #current()}). Releases and
 * reconvictions are facts about the person, not about one referral, and are not folded here.
 *
 * @param referrals the person's referrals, oldest first
 */
public record ReferralStream(List<Referral> referrals) {

    /**
     * One referral.
     *
     * @param referralDate the referral date (occurredAt of {@code ete.referral.received.v1})
     * @param takenUpOn    the take-up date, or null while not taken up
     * @param closedOn     the closure date, or null while open
     */
    public record Referral(LocalDate referralDate, LocalDate takenUpOn, LocalDate closedOn) {

        public boolean open() {
            return closedOn == null;
        }

        Referral takenUp(LocalDate on) {
            return new Referral(referralDate, on, closedOn);
        }

        Referral closed(LocalDate on) {
            return new Referral(referralDate, takenUpOn, on);
        }
    }

    public ReferralStream {
        referrals = List.copyOf(referrals);
    }

    public static ReferralStream of(List<StoredEvent> history) {
        List<Referral> referrals = new ArrayList<>();
        for (StoredEvent e : history) {
            Optional<EventType> type = EventType.fromType(e.type());
            if (type.isEmpty()) {
                continue;
            }
            int last = referrals.size() - 1;
            switch (type.get()) {
                case REFERRAL_RECEIVED -> referrals.add(new Referral(e.occurredAt(), null, null));
                case SERVICE_TAKEN_UP -> {
                    // The rules admit one take-up per referral; the first one counts if history says otherwise.
                    if (last >= 0 && referrals.get(last).takenUpOn() == null) {
                        referrals.set(last, referrals.get(last).takenUp(e.occurredAt()));
                    }
                }
                case REFERRAL_CLOSED -> {
                    if (last >= 0 && referrals.get(last).open()) {
                        referrals.set(last, referrals.get(last).closed(e.occurredAt()));
                    }
                }
                default -> {
                }
            }
        }
        return new ReferralStream(referrals);
    }

    /** Whether the person has ever been referred. */
    public boolean referred() {
        return !referrals.isEmpty();
    }

    /** The latest referral, if any: the one a take-up or closure applies to. */
    public Optional<Referral> current() {
        return referrals.isEmpty() ? Optional.empty() : Optional.of(referrals.get(referrals.size() - 1));
    }

    /** The latest referral if it is still open. */
    public Optional<Referral> open() {
        return current().filter(Referral::open);
    }
}
