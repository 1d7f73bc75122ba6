package org.ete.analysis.projection;

import com.fasterxml.jackson.databind.JsonNode;
import org.ete.contracts.Gender;
import org.ete.contracts.OffenceCategory;
import org.ete.contracts.Ogrs3;

/**
 * The OGRS3 one-year probability of a referral: the partner's percentage / 100, or, when the partner sent the
 * static factors, the score computed with the same contract library the referral service uses (deterministic,
 * so the analysis needs no extra field on the wire). The age is the published age at referral: the referral date
 * is the OGRS3 assessment date, so the score is the one the referral service computed from the date of birth
 * ({@link Ogrs3#computeAtAge}). Never rounded.
 */
final class Ogrs3Probability {
    private Ogrs3Probability() {
    }

    /** @param referral a referral fact in the published shape ({@link ReferralAge#minimised(Fact)}) */
    static Double oneYear(Fact referral) {
        JsonNode data = referral.data();
        if (data.hasNonNull("ogrs3OneYearPercent")) {
            return data.get("ogrs3OneYearPercent").asDouble() / 100.0;
        }
        JsonNode factors = data.get("ogrs3Factors");
        if (factors == null || !factors.isObject()) {
            return null;
        }
        JsonNode age = data.get(ReferralAge.AGE_AT_REFERRAL);
        if (age == null || !age.canConvertToInt()) {
            throw new IllegalArgumentException("a referral with ogrs3Factors needs " + ReferralAge.AGE_AT_REFERRAL);
        }
        Ogrs3.Score score = Ogrs3.computeAtAge(new Ogrs3.AgeInput(Gender.fromWire(referral.text("gender")),
                age.asInt(), OffenceCategory.fromWire(referral.text("offenceCategory")),
                factors.path("sanctions").asInt(), factors.path("ageAtFirstSanction").asInt(),
                factors.path("ageAtCurrentConviction").asInt()));
        return score.oneYear();
    }
}
