package org.ete.analysis.projection;

import com.fasterxml.jackson.databind.JsonNode;
import org.ete.contracts.Gender;
import org.ete.contracts.OffenceCategory;
import org.ete.contracts.Ogrs3;

/**
 * The OGRS3 one-year probability of a referral: the partner's percentage / 100, or, when the partner sent the
 * static factors, the score computed with the same contract library the referral service uses (deterministic,
 * so the analysis needs no extra field on the wire). Never rounded.
 */
final class Ogrs3Probability {
    private Ogrs3Probability() {
    }

    static Double oneYear(Fact referral) {
        JsonNode data = referral.data();
        if (data.hasNonNull("ogrs3OneYearPercent")) {
            return data.get("ogrs3OneYearPercent").asDouble() / 100.0;
        }
        JsonNode factors = data.get("ogrs3Factors");
        if (factors == null || !factors.isObject()) {
            return null;
        }
        Ogrs3.Score score = Ogrs3.compute(new Ogrs3.Input(Gender.fromWire(referral.text("gender")),
                referral.date("dateOfBirth"), referral.occurredAt(),
                OffenceCategory.fromWire(referral.text("offenceCategory")), factors.path("sanctions").asInt(),
                factors.path("ageAtFirstSanction").asInt(), factors.path("ageAtCurrentConviction").asInt()));
        return score.oneYear();
    }
}
