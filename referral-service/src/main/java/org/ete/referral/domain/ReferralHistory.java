package org.ete.referral.domain;

import org.ete.contracts.ReferralClosed;
import org.ete.contracts.ReferralReceived;
import org.ete.contracts.ServiceTakenUp;
import org.ete.eventkit.domain.DomainEvent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A person's referral history folded into the facts the rules need: their referrals in arrival order, each with
 * its take-up and closure. A person may be referred again once a referral is closed, so a history can hold
 * several referrals; take-up and closure always apply to the latest one ({@link #current()}). Releases and
 * reconvictions are facts about the person, not about one referral, and are not folded here.
 */
public final class ReferralHistory {

    /**
     * One referral.
     *
     * @param referralDate the referral date
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

    private final List<Referral> referrals;

    private ReferralHistory(List<Referral> referrals) {
        this.referrals = List.copyOf(referrals);
    }

    /** The history of a person's events, oldest first. */
    public static ReferralHistory of(List<DomainEvent> history) {
        List<Referral> referrals = new ArrayList<>();
        for (DomainEvent e : history) {
            int last = referrals.size() - 1;
            if (e.payload() instanceof ReferralReceived referral) {
                referrals.add(new Referral(referral.referralDate(), null, null));
            } else if (e.payload() instanceof ServiceTakenUp takeUp) {
                // The rules admit one take-up per referral; the first one counts if history says otherwise.
                if (last >= 0 && referrals.get(last).takenUpOn() == null) {
                    referrals.set(last, referrals.get(last).takenUp(takeUp.takenUpOn()));
                }
            } else if (e.payload() instanceof ReferralClosed closure) {
                if (last >= 0 && referrals.get(last).open()) {
                    referrals.set(last, referrals.get(last).closed(closure.closedOn()));
                }
            }
        }
        return new ReferralHistory(referrals);
    }

    /** The person's referrals, oldest first. */
    public List<Referral> referrals() {
        return referrals;
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
