package org.ete.referral.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.contracts.Gender;
import org.ete.contracts.OffenceCategory;
import org.ete.contracts.Ogrs3;
import org.ete.eventkit.domain.IncomingEvent;

/**
 * The OGRS3 score of a referral, as stored beside the event ({@code derived}) and published as the CloudEvent
 * extension {@code derived}. Probabilities are 0..1 and never rounded (DOMAIN.md "Predicted rate").
 *
 * <ul>
 *   <li>Factors sent: {@code {"ogrs3": {"method": "computed", "oneYear", "twoYear", "ageBand", "ageAtAssessment",
 *       "inputs": {...}}}}, computed by {@link Ogrs3#compute(Ogrs3.Input)} with the referral date as the assessment
 *       date. {@code inputs} holds what the score was computed from except the date of birth (which stays in the
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
     * The derived values of a referral's data.
     *
     * @throws IllegalArgumentException if the factors cannot be scored (the rules reject such a referral first)
     */
    public static ObjectNode of(IncomingEvent referral) {
        JsonNode data = referral.data();
        ObjectNode ogrs3 = JSON.objectNode();
        JsonNode factors = data.get("ogrs3Factors");
        if (factors != null && factors.isObject()) {
            Ogrs3.Input input = input(referral);
            Ogrs3.Score score = Ogrs3.compute(input);
            ogrs3.put("method", METHOD_COMPUTED);
            ogrs3.put("oneYear", score.oneYear());
            ogrs3.put("twoYear", score.twoYear());
            ogrs3.put("ageBand", score.ageBand().label());
            ogrs3.put("ageAtAssessment", score.ageAtAssessment());
            ObjectNode inputs = ogrs3.putObject("inputs");
            inputs.put("gender", input.gender().wire());
            inputs.put("offenceCategory", input.offenceCategory().wire());
            inputs.put("assessmentDate", input.assessmentDate().toString());
            inputs.put("sanctions", input.sanctions());
            inputs.put("ageAtFirstSanction", input.ageAtFirstSanction());
            inputs.put("ageAtCurrentConviction", input.ageAtCurrentConviction());
        } else if (data.hasNonNull("ogrs3OneYearPercent") && data.hasNonNull("ogrs3TwoYearPercent")) {
            ogrs3.put("method", METHOD_GIVEN);
            ogrs3.put("oneYear", data.get("ogrs3OneYearPercent").doubleValue() / 100.0);
            ogrs3.put("twoYear", data.get("ogrs3TwoYearPercent").doubleValue() / 100.0);
        } else {
            return null; // the schema requires one or the other; nothing to derive otherwise
        }
        ObjectNode derived = JSON.objectNode();
        derived.set("ogrs3", ogrs3);
        return derived;
    }

    /** The OGRS3 input of a referral that carries {@code ogrs3Factors}. */
    static Ogrs3.Input input(IncomingEvent referral) {
        JsonNode factors = referral.data().get("ogrs3Factors");
        return new Ogrs3.Input(
                Gender.fromWire(referral.text("gender")),
                referral.date("dateOfBirth"),
                referral.date("referralDate"),
                OffenceCategory.fromWire(referral.text("offenceCategory")),
                factors.path("sanctions").asInt(),
                factors.path("ageAtFirstSanction").asInt(),
                factors.path("ageAtCurrentConviction").asInt());
    }
}
