package org.ete.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.contracts.ReferralReceived.Ogrs3Factors;

import java.util.Optional;

/**
 * The OGRS3 score of a referral, as stored beside the event ({@code derived}) and published as the CloudEvent
 * extension {@code derived}. Probabilities are 0..1 and never rounded (DOMAIN.md "Predicted rate").
 *
 * <ul>
 *   <li>Factors sent: {@code {"ogrs3": {"method": "computed", "oneYear", "twoYear", "coefficientsVersion", "ageBand",
 *       "ageAtAssessment", "inputs": {...}}}}, computed by {@link Ogrs3#compute(Ogrs3.Input)} with the referral date
 *       as the assessment date and the current coefficient set, whose version {@code coefficientsVersion} names
 *       (ADR 0015: the score is fixed when computed; the publication view publishes this score, never a new one). {@code inputs} holds what the score was computed from except the date of birth (which stays in the
 *       event's data only): gender, offenceCategory, assessmentDate, sanctions, ageAtFirstSanction,
 *       ageAtCurrentConviction.</li>
 *   <li>Percentages sent: {@code {"ogrs3": {"method": "given", "oneYear": percent / 100, "twoYear": percent / 100}}}.</li>
 * </ul>
 */
public final class Ogrs3Derivation {
    public static final String METHOD_COMPUTED = "computed";
    public static final String METHOD_GIVEN = "given";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Ogrs3Derivation() {
    }

    /**
     * The derived values of a referral.
     *
     * @throws IllegalArgumentException if the factors cannot be scored (the rules reject such a referral first)
     */
    public static ObjectNode of(ReferralReceived referral) {
        ObjectNode ogrs3 = JSON.objectNode();
        if (referral.ogrs3Factors().isPresent()) {
            Ogrs3.Input input = input(referral, referral.ogrs3Factors().get());
            Ogrs3.Score score = Ogrs3.compute(input);
            ogrs3.put("method", METHOD_COMPUTED);
            ogrs3.put("oneYear", score.oneYear());
            ogrs3.put("twoYear", score.twoYear());
            ogrs3.put("coefficientsVersion", score.coefficientsVersion());
            ogrs3.put("ageBand", score.ageBand().label());
            ogrs3.put("ageAtAssessment", score.ageAtAssessment());
            ObjectNode inputs = ogrs3.putObject("inputs");
            inputs.put("gender", input.gender().wire());
            inputs.put("offenceCategory", input.offenceCategory().wire());
            inputs.put("assessmentDate", input.assessmentDate().toString());
            inputs.put("sanctions", input.sanctions());
            inputs.put("ageAtFirstSanction", input.ageAtFirstSanction());
            inputs.put("ageAtCurrentConviction", input.ageAtCurrentConviction());
        } else if (referral.ogrs3OneYearPercent().isPresent() && referral.ogrs3TwoYearPercent().isPresent()) {
            ogrs3.put("method", METHOD_GIVEN);
            ogrs3.put("oneYear", referral.ogrs3OneYearPercent().get() / 100.0);
            ogrs3.put("twoYear", referral.ogrs3TwoYearPercent().get() / 100.0);
        } else {
            return null; // the schema requires one or the other; nothing to derive otherwise
        }
        ObjectNode derived = JSON.objectNode();
        derived.set("ogrs3", ogrs3);
        return derived;
    }

    /**
     * The score computed at the append, as published ({@code ogrs3Computed}), from what {@link #of} stored; empty if
     * the referral was given percentages, or was stored before scores carried their coefficient version (then
     * nothing says which set computed it, and the consumer scores it with the set pinned for such referrals).
     */
    public static Optional<ReferralReceived.Ogrs3Computed> computed(JsonNode derived) {
        JsonNode ogrs3 = derived == null ? null : derived.get("ogrs3");
        if (ogrs3 == null || !METHOD_COMPUTED.equals(ogrs3.path("method").asText())
                || !ogrs3.path("coefficientsVersion").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new ReferralReceived.Ogrs3Computed(ogrs3.path("oneYear").doubleValue(),
                ogrs3.path("twoYear").doubleValue(), ogrs3.get("coefficientsVersion").textValue()));
    }

    private static Ogrs3.Input input(ReferralReceived referral, Ogrs3Factors factors) {
        return new Ogrs3.Input(referral.gender(), referral.dateOfBirth(), referral.referralDate(),
                referral.offenceCategory(), factors.sanctions(), factors.ageAtFirstSanction(),
                factors.ageAtCurrentConviction());
    }
}
