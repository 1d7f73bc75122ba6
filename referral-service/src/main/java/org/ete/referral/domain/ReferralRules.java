package org.ete.referral.domain;

import jakarta.enterprise.context.ApplicationScoped;
import org.ete.contracts.EventType;
import org.ete.eventkit.domain.IncomingEvent;
import org.ete.eventkit.domain.RuleViolation;
import org.ete.eventkit.domain.StreamRules;
import org.ete.eventkit.store.StoredEvent;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/** The referral service's invariants, checked against the person's own stream before the append. */
@ApplicationScoped
public class ReferralRules implements StreamRules {

    @Override
    public void check(IncomingEvent candidate, List<StoredEvent> history) {
        ReferralStream stream = ReferralStream.of(history);
        EventType type = EventType.fromType(candidate.type()).orElseThrow();
        switch (type) {
            case REFERRAL_RECEIVED -> {
                LocalDate referralDate = candidate.date("referralDate");
                LocalDate dateOfBirth = candidate.date("dateOfBirth");
                if (Period.between(dateOfBirth, referralDate).getYears() < 18) {
                    throw RuleViolation.unprocessable("adult-at-referral", "/data/dateOfBirth",
                            "Probation serves adults: the person must be 18 or over on the referral date");
                }
            }
            case SERVICE_TAKEN_UP -> requireReferral(stream, "/data/takenUpOn", "take-up");
            default -> requireReferral(stream, null, type.type());
        }
    }

    private static void requireReferral(ReferralStream stream, String field, String what) {
        if (!stream.referred()) {
            throw RuleViolation.unprocessable("referral-required", field,
                    "No referral has been received for this person, so a " + what + " cannot be recorded");
        }
    }
}
