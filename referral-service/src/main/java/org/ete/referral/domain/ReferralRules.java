package org.ete.referral.domain;

import org.ete.contracts.Ogrs3Derivation;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.ete.contracts.EventPayload;
import org.ete.contracts.ReconvictionRecorded;
import org.ete.contracts.ReferralClosed;
import org.ete.contracts.ReferralReceived;
import org.ete.contracts.ReferralReceived.Ogrs3Factors;
import org.ete.contracts.ReleasedFromCustody;
import org.ete.contracts.ServiceTakenUp;
import org.ete.eventkit.domain.DomainEvent;
import org.ete.eventkit.domain.RuleViolation;
import org.ete.eventkit.domain.StreamRules;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * The referral service's invariants, checked against the person's own stream before the append, and the OGRS3
 * score derived from a referral ({@link #derive}).
 *
 * <p>A person may be referred more than once, but only one referral is open at a time; take-up and closure apply
 * to the latest referral. 422 is a missing prerequisite or an impossible value or date; 409 is a conflict with what
 * the stream already holds. Stream conflicts and missing prerequisites name {@code /subject} (the person whose
 * stream it is); impossible values name the data field.
 *
 * <table>
 *   <caption>Rules</caption>
 *   <tr><th>event</th><th>rule</th><th>status</th><th>field</th></tr>
 *   <tr><td>referral received</td><td>adult-at-referral: 18 or over on the referral date</td><td>422</td><td>/data/dateOfBirth</td></tr>
 *   <tr><td></td><td>first-sanction-not-after-current: ogrs3Factors.ageAtFirstSanction &lt;= ageAtCurrentConviction</td><td>422</td><td>/data/ogrs3Factors/ageAtFirstSanction</td></tr>
 *   <tr><td></td><td>single-sanction-first-is-current: with ogrs3Factors.sanctions = 1 (the current sanction is the first), ageAtFirstSanction = ageAtCurrentConviction</td><td>422</td><td>/data/ogrs3Factors/ageAtFirstSanction</td></tr>
 *   <tr><td></td><td>referral-already-open: no second referral while one is open (one after a closure is fine)</td><td>409</td><td>/subject</td></tr>
 *   <tr><td></td><td>referral-not-before-last-closure: a new referral is dated on or after the previous referral's closure</td><td>422</td><td>/data/referralDate</td></tr>
 *   <tr><td>take-up, release, reconviction, closure</td><td>referral-required: the person has been referred</td><td>422</td><td>/subject</td></tr>
 *   <tr><td>take-up</td><td>service-already-taken-up: once per referral</td><td>409</td><td>/subject</td></tr>
 *   <tr><td></td><td>taken-up-not-before-referral: takenUpOn &gt;= referralDate</td><td>422</td><td>/data/takenUpOn</td></tr>
 *   <tr><td></td><td>taken-up-not-after-closure: takenUpOn &lt;= closedOn if the referral is closed</td><td>422</td><td>/data/takenUpOn</td></tr>
 *   <tr><td>reconviction</td><td>offence-not-after-sentence: offenceDate &lt;= sentenceDate</td><td>422</td><td>/data/offenceDate</td></tr>
 *   <tr><td>closure</td><td>referral-already-closed: once per referral</td><td>409</td><td>/subject</td></tr>
 *   <tr><td></td><td>closed-not-before-referral: closedOn &gt;= referralDate</td><td>422</td><td>/data/closedOn</td></tr>
 *   <tr><td></td><td>closed-not-before-take-up: closedOn &gt;= takenUpOn if taken up</td><td>422</td><td>/data/closedOn</td></tr>
 * </table>
 *
 * <p><b>After a closure</b> (decided here, DOMAIN.md "Reoffending"):
 * <ul>
 *   <li>A <b>take-up</b> is a fact of one referral. A take-up recorded after the closure is accepted only if it is
 *       dated on or before the closure date (a late-recorded take-up of that referral); one dated after the closure
 *       is impossible for that referral (422 taken-up-not-after-closure): refer the person again first. The mirror
 *       rule closed-not-before-take-up keeps the outcome independent of which of the two arrives first.</li>
 *   <li>A <b>release from custody</b> is accepted after the closure, at any date: it is a fact about the person that
 *       fixes the analysis's index date (the first release on or after take-up), and a custody in-reach referral may
 *       well close before the release.</li>
 *   <li>A <b>reconviction</b> is accepted after the closure, at any date: the one-year follow-up (plus the waiting
 *       period) normally runs on past the end of the service.</li>
 * </ul>
 * Releases and reconvictions may be recorded more than once (a person can be recalled and released again, or
 * reconvicted twice); repeats of the same event are caught by (source, id) before these rules.
 */
@ApplicationScoped
public class ReferralRules implements StreamRules {
    static final int ADULT_AGE = 18;
    static final String SUBJECT = "/subject";

    @Override
    public void check(DomainEvent candidate, List<DomainEvent> history) {
        ReferralHistory referrals = ReferralHistory.of(history);
        EventPayload event = candidate.payload();
        if (event instanceof ReferralReceived referral) {
            checkReferral(referral, referrals);
        } else if (event instanceof ServiceTakenUp takeUp) {
            checkTakeUp(takeUp, requireReferral(referrals, "take-up"));
        } else if (event instanceof ReleasedFromCustody) {
            requireReferral(referrals, "release from custody");
        } else if (event instanceof ReconvictionRecorded reconviction) {
            requireReferral(referrals, "reconviction");
            LocalDate offenceDate = reconviction.offenceDate();
            LocalDate sentenceDate = reconviction.sentenceDate();
            if (offenceDate.isAfter(sentenceDate)) {
                throw RuleViolation.unprocessable("offence-not-after-sentence", "/data/offenceDate",
                        "The offence (" + offenceDate + ") cannot be after the sentence (" + sentenceDate + ")");
            }
        } else if (event instanceof ReferralClosed closure) {
            checkClosure(closure, requireReferral(referrals, "closure"));
        } else {
            throw new IllegalStateException("not a referral event: " + candidate.type());
        }
    }

    /** The OGRS3 score of a referral, computed from its factors or taken from its percentages; null otherwise. */
    @Override
    public ObjectNode derive(DomainEvent candidate) {
        if (!(candidate.payload() instanceof ReferralReceived referral)) {
            return null;
        }
        try {
            return Ogrs3Derivation.of(referral);
        } catch (IllegalArgumentException e) {
            // check() has already rejected every input the model refuses; kept so a gap answers 422, not 500.
            throw RuleViolation.unprocessable("ogrs3-factors-scorable", "/data/ogrs3Factors", e.getMessage());
        }
    }

    private static void checkReferral(ReferralReceived referral, ReferralHistory referrals) {
        LocalDate referralDate = referral.referralDate();
        LocalDate dateOfBirth = referral.dateOfBirth();
        if (Period.between(dateOfBirth, referralDate).getYears() < ADULT_AGE) {
            throw RuleViolation.unprocessable("adult-at-referral", "/data/dateOfBirth",
                    "Probation serves adults: the person must be 18 or over on the referral date");
        }
        if (referral.ogrs3Factors().isPresent()) {
            Ogrs3Factors factors = referral.ogrs3Factors().get();
            int first = factors.ageAtFirstSanction();
            int current = factors.ageAtCurrentConviction();
            if (first > current) {
                throw RuleViolation.unprocessable("first-sanction-not-after-current",
                        "/data/ogrs3Factors/ageAtFirstSanction",
                        "The age at the first sanction (" + first + ") cannot be above the age at the current conviction ("
                                + current + ")");
            }
            // S counts the current sanction, so S = 1 says the current one is the first: an earlier first sanction
            // contradicts it, and OGRS3 would score the person as a first offender with a long career.
            if (factors.sanctions() == 1 && first < current) {
                throw RuleViolation.unprocessable("single-sanction-first-is-current",
                        "/data/ogrs3Factors/ageAtFirstSanction",
                        "With one sanction (sanctions includes the current one, so it is the first), the age at the "
                                + "first sanction (" + first + ") must be the age at the current conviction (" + current
                                + ")");
            }
        }
        if (referrals.open().isPresent()) {
            throw RuleViolation.conflict("referral-already-open", SUBJECT,
                    "This person already has an open referral (referred on " + referrals.open().get().referralDate()
                            + "); close it before referring them again");
        }
        LocalDate lastClosure = referrals.current().map(ReferralHistory.Referral::closedOn).orElse(null);
        if (lastClosure != null && referralDate.isBefore(lastClosure)) {
            throw RuleViolation.unprocessable("referral-not-before-last-closure", "/data/referralDate",
                    "A new referral cannot be dated before the previous referral was closed (" + lastClosure + ")");
        }
    }

    private static void checkTakeUp(ServiceTakenUp takeUp, ReferralHistory.Referral referral) {
        if (referral.takenUpOn() != null) {
            throw RuleViolation.conflict("service-already-taken-up", SUBJECT,
                    "The service was already taken up on " + referral.takenUpOn() + " for the referral of "
                            + referral.referralDate());
        }
        LocalDate takenUpOn = takeUp.takenUpOn();
        if (takenUpOn.isBefore(referral.referralDate())) {
            throw RuleViolation.unprocessable("taken-up-not-before-referral", "/data/takenUpOn",
                    "The service cannot be taken up (" + takenUpOn + ") before the referral (" + referral.referralDate()
                            + ")");
        }
        if (referral.closedOn() != null && takenUpOn.isAfter(referral.closedOn())) {
            throw RuleViolation.unprocessable("taken-up-not-after-closure", "/data/takenUpOn",
                    "The referral was closed on " + referral.closedOn() + "; a take-up on " + takenUpOn
                            + " needs a new referral");
        }
    }

    private static void checkClosure(ReferralClosed closure, ReferralHistory.Referral referral) {
        if (!referral.open()) {
            throw RuleViolation.conflict("referral-already-closed", SUBJECT,
                    "The referral of " + referral.referralDate() + " was already closed on " + referral.closedOn());
        }
        LocalDate closedOn = closure.closedOn();
        if (closedOn.isBefore(referral.referralDate())) {
            throw RuleViolation.unprocessable("closed-not-before-referral", "/data/closedOn",
                    "A referral cannot be closed (" + closedOn + ") before it was received (" + referral.referralDate()
                            + ")");
        }
        if (referral.takenUpOn() != null && closedOn.isBefore(referral.takenUpOn())) {
            throw RuleViolation.unprocessable("closed-not-before-take-up", "/data/closedOn",
                    "A referral cannot be closed (" + closedOn + ") before its take-up (" + referral.takenUpOn() + ")");
        }
    }

    private static ReferralHistory.Referral requireReferral(ReferralHistory referrals, String what) {
        return referrals.current().orElseThrow(() -> RuleViolation.unprocessable("referral-required", SUBJECT,
                "No referral has been received for this person, so a " + what + " cannot be recorded"));
    }
}
