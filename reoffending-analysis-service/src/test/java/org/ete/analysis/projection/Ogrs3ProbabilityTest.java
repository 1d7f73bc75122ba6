package org.ete.analysis.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.contracts.Gender;
import org.ete.contracts.OffenceCategory;
import org.ete.contracts.Ogrs3;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Which OGRS3 score a referral's person carries (ADR 0015): the partner's percentage, else the score the referral
 * service stored and published with its coefficient version, else, for a referral published before scores carried a
 * version, the score of the set pinned for such referrals, never the current one.
 */
class Ogrs3ProbabilityTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A published referral of a man, 45 on the referral date (band 40-49), violence, 120 sanctions, the first at 15,
     * the current at 44. Scored in python, independently of Java:
     * <pre>
     * import math
     * def p(s, cap):
     *     n = min(s, cap) if cap else s
     *     eta = -1.499691 + 0.463062792 + 1.251124464 * math.log(n / (10 + 44 - 15)) + 0
     *     return 1 / (1 + math.exp(-(1.402562384 + eta)))
     * p(120, None)  # 0.8547199504148293  set ogrs3-2026-11-23 (no cap)
     * p(120, 50)    # 0.6630219408284838  set ogrs3-2026-12-02 (sanctions counted as at most 50)
     * </pre>
     */
    static ObjectNode published() {
        ObjectNode data = JSON.createObjectNode().put("referralDate", "2021-03-15").put("setting", "community")
                .put("contractArea", "DLNR").put("region", "East Midlands").put("team", "T").put("office", "O")
                .put("gender", "male").put("ageAtReferral", 45).put("ageBand", "40-49").put("ethnicity", "white")
                .put("offenceCategory", "violence");
        data.putObject("ogrs3Factors").put("sanctions", 120).put("ageAtFirstSanction", 15)
                .put("ageAtCurrentConviction", 44);
        return data;
    }

    static double oneYearOf(ObjectNode data) {
        Fact referral = new Fact("k", "ete.referral.received.v1", LocalDate.parse("2021-03-15"), Instant.EPOCH, data);
        return PersonState.derive("p", List.of(referral)).referral().ogrs3OneYear();
    }

    @Test
    void aStoredScoreIsUsedAsItIsEvenWhereRecomputingWouldDiffer() {
        ObjectNode data = published();
        // as stored and published by the referral service, with a set other than today's
        data.putObject("ogrs3Computed").put("oneYear", 0.7312).put("twoYear", 0.8421)
                .put("coefficientsVersion", "ogrs3-2027-01-15");
        assertEquals(0.7312, oneYearOf(data), 0.0);
        double recomputed = Ogrs3.computeAtAge(new Ogrs3.AgeInput(Gender.MALE, 45, OffenceCategory.VIOLENCE, 120, 15,
                44)).oneYear();
        assertNotEquals(recomputed, 0.7312, "the stored score is not what this service would compute");
    }

    @Test
    void aReferralWithoutAStoredScoreIsScoredWithThePinnedSetNotTheCurrentOne() {
        assertEquals("ogrs3-2026-11-23", Ogrs3Probability.UNVERSIONED_SET);
        assertEquals(0.8547199504148293, oneYearOf(published()), 1e-12, "set ogrs3-2026-11-23: S = 120 in full");
        // what the current set would give instead (the sanctions cap): history is not rewritten
        Ogrs3.Score current = Ogrs3.computeAtAge(new Ogrs3.AgeInput(Gender.MALE, 45, OffenceCategory.VIOLENCE, 120, 15,
                44));
        assertEquals(0.6630219408284838, current.oneYear(), 1e-12);
        assertNotEquals(Ogrs3Probability.UNVERSIONED_SET, current.coefficientsVersion());
        // the pinned set is still on the classpath under its version
        assertEquals(Ogrs3Probability.UNVERSIONED_SET, Ogrs3.coefficients(Ogrs3Probability.UNVERSIONED_SET).version());
    }

    @Test
    void theStoredScoreIsAProbabilityOrTheReferralIsInvalid() {
        for (String bad : new String[] {"{\"oneYear\":22.8}", "{\"oneYear\":\"0.2\"}", "{\"twoYear\":0.3}",
            "{\"oneYear\":0}", "{\"oneYear\":1}", "\"0.2\""}) {
            ObjectNode data = published();
            data.set("ogrs3Computed", readTree(bad));
            assertThrows(IllegalArgumentException.class, () -> oneYearOf(data), bad);
        }
    }

    @Test
    void thePartnersPercentageStillComesFirst() {
        ObjectNode data = published();
        data.remove("ogrs3Factors");
        data.put("ogrs3OneYearPercent", 41.7).put("ogrs3TwoYearPercent", 58.2);
        assertEquals(0.417, oneYearOf(data), 1e-15);
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
