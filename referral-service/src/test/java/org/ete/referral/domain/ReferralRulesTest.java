package org.ete.referral.domain;

import org.ete.contracts.Ogrs3Derivation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.contracts.Ethnicity;
import org.ete.contracts.EventType;
import org.ete.contracts.Gender;
import org.ete.contracts.OffenceCategory;
import org.ete.contracts.ReconvictionRecorded;
import org.ete.contracts.ReferralClosed;
import org.ete.contracts.ReferralReceived;
import org.ete.contracts.ReferralReceived.Ogrs3Factors;
import org.ete.contracts.ReleasedFromCustody;
import org.ete.contracts.ServiceTakenUp;
import org.ete.contracts.Setting;
import org.ete.eventkit.domain.DomainEvent;
import org.ete.eventkit.domain.RuleViolation;
import org.ete.servicekit.problem.Problem;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The referral rules and the OGRS3 derivation over in-memory streams of typed events, without Quarkus. */
class ReferralRulesTest {
    static final String PERSON = "p".repeat(64);

    final ReferralRules rules = new ReferralRules();

    // ---- builders ----

    static ReferralReceived referralData(String referralDate, String dateOfBirth) {
        return referralData(referralDate, dateOfBirth, Gender.MALE, OffenceCategory.BURGLARY_DOMESTIC);
    }

    static ReferralReceived referralData(String referralDate, String dateOfBirth, Gender gender,
                                         OffenceCategory offenceCategory) {
        return new ReferralReceived(LocalDate.parse(referralDate), Setting.COMMUNITY, "DLNR", "East Midlands",
                "Nottingham North", "Nottingham", gender, LocalDate.parse(dateOfBirth), Ethnicity.WHITE,
                Optional.empty(), offenceCategory, Optional.of(35.5), Optional.of(52.0), Optional.empty());
    }

    static ReferralReceived withFactors(ReferralReceived r, int sanctions, int first, int current) {
        return new ReferralReceived(r.referralDate(), r.setting(), r.contractArea(), r.region(), r.team(), r.office(),
                r.gender(), r.dateOfBirth(), r.ethnicity(), r.disability(), r.offenceCategory(), Optional.empty(),
                Optional.empty(), Optional.of(new Ogrs3Factors(sanctions, first, current)));
    }

    static DomainEvent incoming(ReferralReceived data) {
        return new DomainEvent(EventType.REFERRAL_RECEIVED, PERSON, data.referralDate(), data);
    }

    static DomainEvent referral(String on) {
        return incoming(referralData(on, "1990-02-14"));
    }

    static DomainEvent takeUp(String on) {
        return new DomainEvent(EventType.SERVICE_TAKEN_UP, PERSON, LocalDate.parse(on),
                new ServiceTakenUp(LocalDate.parse(on)));
    }

    static DomainEvent release(String on) {
        return new DomainEvent(EventType.RELEASED_FROM_CUSTODY, PERSON, LocalDate.parse(on),
                new ReleasedFromCustody(LocalDate.parse(on)));
    }

    static DomainEvent reconviction(String offence, String sentence) {
        return new DomainEvent(EventType.RECONVICTION_RECORDED, PERSON, LocalDate.parse(sentence),
                new ReconvictionRecorded(LocalDate.parse(offence), LocalDate.parse(sentence),
                        OffenceCategory.THEFT_NON_MOTOR));
    }

    static DomainEvent closure(String on) {
        return new DomainEvent(EventType.REFERRAL_CLOSED, PERSON, LocalDate.parse(on),
                new ReferralClosed(LocalDate.parse(on), "Order completed"));
    }

    /** A person's accepted events, oldest first, as the ingest hands them to the rules. */
    static List<DomainEvent> history(DomainEvent... events) {
        return List.of(events);
    }

    Problem broken(DomainEvent candidate, List<DomainEvent> history) {
        return assertThrows(RuleViolation.class, () -> rules.check(candidate, history)).problem();
    }

    void assertBroken(DomainEvent candidate, List<DomainEvent> history, int status, String rule, String field) {
        Problem p = broken(candidate, history);
        assertEquals(status, p.status(), p.toString());
        assertEquals(rule, p.rule(), p.toString());
        if (field == null) {
            assertNull(p.errors(), p.toString());
        } else {
            assertEquals(field, p.errors().get(0).field(), p.toString());
            assertEquals(rule, p.errors().get(0).rule(), p.toString());
        }
    }

    void assertAccepted(DomainEvent candidate, List<DomainEvent> history) {
        assertDoesNotThrow(() -> rules.check(candidate, history));
    }

    // ---- history folding ----

    @Test
    void historyFoldsSeveralReferralsWithTheirTakeUpAndClosure() {
        ReferralHistory s = ReferralHistory.of(history(referral("2019-01-01"), takeUp("2019-01-10"),
                release("2019-02-01"), closure("2019-06-01"), referral("2020-01-01")));
        assertTrue(s.referred());
        assertEquals(2, s.referrals().size());
        assertEquals(new ReferralHistory.Referral(LocalDate.parse("2019-01-01"), LocalDate.parse("2019-01-10"),
                LocalDate.parse("2019-06-01")), s.referrals().get(0));
        assertEquals(LocalDate.parse("2020-01-01"), s.open().orElseThrow().referralDate());
        assertFalse(ReferralHistory.of(List.of()).referred());
    }

    // ---- referral received ----

    @Nested
    class Referral {
        @Test
        void adultOnTheReferralDateIsAcceptedAndAMinorIsNot() {
            assertAccepted(incoming(referralData("2019-05-01", "2001-05-01")), List.of());
            assertBroken(incoming(referralData("2019-05-01", "2001-05-02")), List.of(),
                    422, "adult-at-referral", "/data/dateOfBirth");
        }

        @Test
        void secondReferralWhileOneIsOpenIs409() {
            assertBroken(referral("2019-06-01"), history(referral("2019-05-01")), 409, "referral-already-open", "/subject");
            assertBroken(referral("2019-06-01"), history(referral("2019-05-01"), takeUp("2019-05-02")),
                    409, "referral-already-open", "/subject");
        }

        @Test
        void referralAfterAClosureIsAccepted() {
            assertAccepted(referral("2020-01-01"), history(referral("2019-05-01"), closure("2019-12-01")));
            assertAccepted(referral("2019-12-01"), history(referral("2019-05-01"), closure("2019-12-01")));
        }

        @Test
        void referralDatedBeforeThePreviousClosureIs422() {
            assertBroken(referral("2019-11-30"), history(referral("2019-05-01"), closure("2019-12-01")),
                    422, "referral-not-before-last-closure", "/data/referralDate");
        }

        @Test
        void firstSanctionAfterCurrentConvictionIs422() {
            DomainEvent bad = incoming(withFactors(referralData("2019-05-01", "1990-02-14"), 3, 27, 26));
            assertBroken(bad, List.of(), 422, "first-sanction-not-after-current", "/data/ogrs3Factors/ageAtFirstSanction");
            assertAccepted(incoming(withFactors(referralData("2019-05-01", "1990-02-14"), 1, 26, 26)), List.of());
        }

        @Test
        void aSingleSanctionWithAnEarlierFirstSanctionIs422() {
            // S = 1 counts the current sanction only, so it is the first: a first sanction at 20 and a current one at
            // 26 contradict it.
            DomainEvent bad = incoming(withFactors(referralData("2019-05-01", "1990-02-14"), 1, 20, 26));
            assertBroken(bad, List.of(), 422, "single-sanction-first-is-current",
                    "/data/ogrs3Factors/ageAtFirstSanction");
            assertTrue(broken(bad, List.of()).detail().contains("20") && broken(bad, List.of()).detail().contains("26"));
            DomainEvent oneYearApart = incoming(withFactors(referralData("2019-05-01", "1990-02-14"), 1, 25, 26));
            assertBroken(oneYearApart, List.of(), 422, "single-sanction-first-is-current",
                    "/data/ogrs3Factors/ageAtFirstSanction");
            // the same ages with a second sanction are consistent, and S = 1 at the current age is the first offence
            assertAccepted(incoming(withFactors(referralData("2019-05-01", "1990-02-14"), 2, 20, 26)), List.of());
            assertAccepted(incoming(withFactors(referralData("2019-05-01", "1990-02-14"), 1, 26, 26)), List.of());
            // a first sanction after the current one is the older rule's, whatever S is
            assertBroken(incoming(withFactors(referralData("2019-05-01", "1990-02-14"), 1, 27, 26)), List.of(), 422,
                    "first-sanction-not-after-current", "/data/ogrs3Factors/ageAtFirstSanction");
        }
    }

    // ---- take-up ----

    @Nested
    class TakeUp {
        @Test
        void needsAReferral() {
            assertBroken(takeUp("2019-05-20"), List.of(), 422, "referral-required", "/subject");
        }

        @Test
        void onOrAfterTheReferralDate() {
            List<DomainEvent> h = history(referral("2019-05-01"));
            assertBroken(takeUp("2019-04-30"), h, 422, "taken-up-not-before-referral", "/data/takenUpOn");
            assertAccepted(takeUp("2019-05-01"), h);
        }

        @Test
        void oncePerReferral() {
            assertBroken(takeUp("2019-05-21"), history(referral("2019-05-01"), takeUp("2019-05-20")),
                    409, "service-already-taken-up", "/subject");
            // a new referral may be taken up again
            assertAccepted(takeUp("2020-02-01"), history(referral("2019-05-01"), takeUp("2019-05-20"),
                    closure("2019-12-01"), referral("2020-01-01")));
        }

        @Test
        void afterAClosureOnlyIfDatedOnOrBeforeIt() {
            List<DomainEvent> h = history(referral("2019-05-01"), closure("2019-06-01"));
            assertAccepted(takeUp("2019-06-01"), h);
            assertBroken(takeUp("2019-06-02"), h, 422, "taken-up-not-after-closure", "/data/takenUpOn");
        }
    }

    // ---- release, reconviction ----

    @Test
    void releaseNeedsAReferralAndIsAcceptedAfterAClosure() {
        assertBroken(release("2019-05-20"), List.of(), 422, "referral-required", "/subject");
        assertAccepted(release("2019-05-20"), history(referral("2019-05-01")));
        assertAccepted(release("2020-05-20"), history(referral("2019-05-01"), closure("2019-06-01")));
        assertAccepted(release("2020-06-20"), history(referral("2019-05-01"), release("2020-05-20")));
    }

    @Test
    void reconvictionNeedsAReferralAndAnOffenceOnOrBeforeTheSentence() {
        assertBroken(reconviction("2020-01-01", "2020-03-01"), List.of(), 422, "referral-required", "/subject");
        List<DomainEvent> h = history(referral("2019-05-01"), closure("2019-06-01"));
        assertAccepted(reconviction("2020-01-01", "2020-03-01"), h);
        assertAccepted(reconviction("2020-03-01", "2020-03-01"), h);
        assertBroken(reconviction("2020-03-02", "2020-03-01"), h, 422, "offence-not-after-sentence", "/data/offenceDate");
    }

    // ---- closure ----

    @Nested
    class Closure {
        @Test
        void needsAReferral() {
            assertBroken(closure("2019-06-01"), List.of(), 422, "referral-required", "/subject");
        }

        @Test
        void oncePerReferral() {
            assertBroken(closure("2019-07-01"), history(referral("2019-05-01"), closure("2019-06-01")),
                    409, "referral-already-closed", "/subject");
            assertAccepted(closure("2020-07-01"), history(referral("2019-05-01"), closure("2019-06-01"),
                    referral("2020-01-01")));
        }

        @Test
        void notBeforeTheReferralNorTheTakeUp() {
            assertBroken(closure("2019-04-30"), history(referral("2019-05-01")), 422, "closed-not-before-referral",
                    "/data/closedOn");
            assertAccepted(closure("2019-05-01"), history(referral("2019-05-01")));
            List<DomainEvent> takenUp = history(referral("2019-05-01"), takeUp("2019-05-20"));
            assertBroken(closure("2019-05-19"), takenUp, 422, "closed-not-before-take-up", "/data/closedOn");
            assertAccepted(closure("2019-05-20"), takenUp);
        }
    }


    // ---- OGRS3 derivation, against a hand-worked case from the literal coefficients of DOMAIN.md ----

    static double logistic(double eta) {
        return 1.0 / (1.0 + Math.exp(-eta));
    }

    @Test
    void derivesTheComputedScoreOfAMaleRepeatOffender() {
        // Born 1994-07-02, referred 2021-03-15: 26 in full years, band 25-29.
        DomainEvent e = incoming(withFactors(referralData("2021-03-15", "1994-07-02"), 5, 15, 26));
        double rest = -1.166679                                  // male 25-29
                + 0.463062792                                    // not a first sanction (S = 5)
                + 1.251124464 * Math.log(5.0 / (10 + 26 - 15))   // copy rate: ln(5 / 21)
                + -0.123944;                                     // burglary (domestic)
        double oneYear = logistic(1.402562384 + rest);
        double twoYear = logistic(2.121705678 + rest);

        JsonNode ogrs3 = rules.derive(e).get("ogrs3");
        assertEquals("computed", ogrs3.get("method").asText());
        assertEquals(oneYear, ogrs3.get("oneYear").doubleValue(), 1e-12);
        assertEquals(twoYear, ogrs3.get("twoYear").doubleValue(), 1e-12);
        assertEquals("ogrs3-2026-12-02", ogrs3.get("coefficientsVersion").asText(), "the set that computed it");
        assertEquals(0.2279, oneYear, 5e-4, "sanity: about 22.8% within a year");
        assertEquals(0.3772, twoYear, 5e-4, "sanity: about 37.7% within two years");
        assertTrue(twoYear > oneYear);
        assertEquals("25-29", ogrs3.get("ageBand").asText());
        assertEquals(26, ogrs3.get("ageAtAssessment").asInt());
        JsonNode inputs = ogrs3.get("inputs");
        assertEquals(5, inputs.get("sanctions").asInt());
        assertEquals(15, inputs.get("ageAtFirstSanction").asInt());
        assertEquals(26, inputs.get("ageAtCurrentConviction").asInt());
        assertEquals("male", inputs.get("gender").asText());
        assertEquals("burglary-domestic", inputs.get("offenceCategory").asText());
        assertEquals("2021-03-15", inputs.get("assessmentDate").asText());
        assertFalse(inputs.has("dateOfBirth"), "the date of birth stays in the event's data only");
    }

    @Test
    void theAgeBandIsTheAgeOnTheReferralDate() {
        // A woman born 1971-03-15 with a first sanction for theft (non-motor) at 50.
        double rest = 0.126142106 + 1.251124464 * Math.log(1.0 / 10) + 0.661244;
        ReferralReceived onBirthday = withFactors(referralData("2021-03-15", "1971-03-15", Gender.FEMALE,
                OffenceCategory.THEFT_NON_MOTOR), 1, 49, 49);
        ReferralReceived dayBefore = withFactors(referralData("2021-03-14", "1971-03-15", Gender.FEMALE,
                OffenceCategory.THEFT_NON_MOTOR), 1, 49, 49);

        JsonNode fifty = rules.derive(incoming(onBirthday)).get("ogrs3");
        assertEquals("50+", fifty.get("ageBand").asText());
        assertEquals(50, fifty.get("ageAtAssessment").asInt());
        assertEquals(logistic(1.402562384 - 2.449837 + rest), fifty.get("oneYear").doubleValue(), 1e-12);
        assertEquals(logistic(2.121705678 - 2.449837 + rest), fifty.get("twoYear").doubleValue(), 1e-12);

        JsonNode fortyNine = rules.derive(incoming(dayBefore)).get("ogrs3");
        assertEquals("40-49", fortyNine.get("ageBand").asText());
        assertEquals(49, fortyNine.get("ageAtAssessment").asInt());
        assertEquals(logistic(1.402562384 - 1.524652 + rest), fortyNine.get("oneYear").doubleValue(), 1e-12);
    }

    @Test
    void givenPercentagesAreKeptAsProbabilities() {
        JsonNode ogrs3 = rules.derive(referral("2019-05-01")).get("ogrs3");
        assertEquals("given", ogrs3.get("method").asText());
        assertEquals(0.355, ogrs3.get("oneYear").doubleValue(), 1e-15);
        assertEquals(0.52, ogrs3.get("twoYear").doubleValue(), 1e-15);
        assertEquals(3, ogrs3.size(), "method, oneYear, twoYear only");
    }

    @Test
    void theStoredScoreReadsBackAsTheComputedScoreOnlyWithItsVersion() {
        ObjectNode derived = rules.derive(incoming(withFactors(referralData("2021-03-15", "1994-07-02"), 5, 15, 26)));
        ReferralReceived.Ogrs3Computed computed = Ogrs3Derivation.computed(derived).orElseThrow();
        assertEquals(derived.at("/ogrs3/oneYear").doubleValue(), computed.oneYear(), 0.0);
        assertEquals(derived.at("/ogrs3/twoYear").doubleValue(), computed.twoYear(), 0.0);
        assertEquals("ogrs3-2026-12-02", computed.coefficientsVersion());
        // stored before scores carried a version: nothing says which set computed it
        ((ObjectNode) derived.get("ogrs3")).remove("coefficientsVersion");
        assertEquals(Optional.empty(), Ogrs3Derivation.computed(derived));
        assertEquals(Optional.empty(), Ogrs3Derivation.computed(rules.derive(referral("2019-05-01"))), "given");
        assertEquals(Optional.empty(), Ogrs3Derivation.computed(null));
    }

    @Test
    void onlyReferralsDeriveAnything() {
        assertNull(rules.derive(takeUp("2019-05-20")));
        assertNull(rules.derive(closure("2019-06-01")));
    }
}
