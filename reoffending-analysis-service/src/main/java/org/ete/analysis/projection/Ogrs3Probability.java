package org.ete.analysis.projection;

import com.fasterxml.jackson.databind.JsonNode;
import org.ete.contracts.Gender;
import org.ete.contracts.OffenceCategory;
import org.ete.contracts.Ogrs3;

/**
 * The OGRS3 one-year probability of a referral, never rounded, in this order (ADR 0015):
 * <ol>
 *   <li>the partner's {@code ogrs3OneYearPercent} / 100;</li>
 *   <li>the score the referral service computed from the factors when it accepted the referral,
 *       {@code ogrs3Computed.oneYear} (published schema version 3), used as it is: a score is fixed when it is computed
 *       (DOMAIN.md "OGRS3"), so a later coefficient set never rewrites it;</li>
 *   <li>for a referral with {@code ogrs3Factors} and no stored score (published before scores carried their
 *       coefficient version), the score computed here with the set that was in force when it was accepted,
 *       {@value #UNVERSIONED_SET} (pinned: not the current set, which added the sanctions cap). The age is the
 *       published age at referral: the referral date is the OGRS3 assessment date, so the score is the one the
 *       referral service computed from the date of birth ({@link Ogrs3#computeAtAge}).</li>
 * </ol>
 * A future coefficient change must keep a copy of the set {@value #UNVERSIONED_SET} under
 * {@code contracts/ogrs3-coefficients/} ({@link Ogrs3#ARCHIVE_FOLDER}), where {@link Ogrs3#coefficients(String)}
 * finds it; the contracts' and this service's tests fail if it cannot be found.
 */
final class Ogrs3Probability {
    /** The coefficient set that scored every referral accepted before scores carried a version. */
    static final String UNVERSIONED_SET = "ogrs3-2026-11-23";
    static final String COMPUTED = "ogrs3Computed";

    private Ogrs3Probability() {
    }

    /**
     * @param referral a referral fact in the published shape ({@link ReferralAge#minimised(Fact)})
     * @throws IllegalArgumentException if a stored score is not a probability, or factors come without the age
     */
    static Double oneYear(Fact referral) {
        JsonNode data = referral.data();
        if (data.hasNonNull("ogrs3OneYearPercent")) {
            return data.get("ogrs3OneYearPercent").asDouble() / 100.0;
        }
        JsonNode computed = data.get(COMPUTED);
        if (computed != null && !computed.isNull()) {
            JsonNode oneYear = computed.path("oneYear");
            if (!oneYear.isNumber() || !(oneYear.doubleValue() > 0 && oneYear.doubleValue() < 1)) {
                throw new IllegalArgumentException(COMPUTED + ".oneYear must be a probability between 0 and 1, was "
                        + oneYear);
            }
            return oneYear.doubleValue();
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
                factors.path("ageAtCurrentConviction").asInt()), Ogrs3.coefficients(UNVERSIONED_SET));
        return score.oneYear();
    }
}
