package org.ete.contracts;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The data of {@code ete.referral.received.v1}: a service user was referred to ETE support. The OGRS3 scores come
 * either as both percentages or as {@code ogrs3Factors}, never both (the schema's {@code oneOf}), so all three are
 * optional here.
 *
 * @param referralDate        the referral date, also the OGRS3 assessment date; the event's occurredAt
 * @param setting             where the person is supervised when referred
 * @param contractArea        the contract area, e.g. DLNR
 * @param region              the region
 * @param team                the probation team
 * @param office              the probation office
 * @param gender              gender, as used by OGRS3
 * @param dateOfBirth         date of birth; kept by the referral service only: what is published is {@link Published}
 * @param ethnicity           ethnic group
 * @param disability          whether the person has a disability, if stated
 * @param offenceCategory     the index offence
 * @param ogrs3OneYearPercent OGRS3 one-year probability in percent (0-100), when the scores are sent
 * @param ogrs3TwoYearPercent OGRS3 two-year probability in percent (0-100), when the scores are sent
 * @param ogrs3Factors        the OGRS3 static factors, when sent instead of the scores
 */
public record ReferralReceived(LocalDate referralDate, Setting setting, String contractArea, String region,
                               String team, String office, Gender gender, LocalDate dateOfBirth, Ethnicity ethnicity,
                               Optional<Disability> disability, OffenceCategory offenceCategory,
                               Optional<Double> ogrs3OneYearPercent, Optional<Double> ogrs3TwoYearPercent,
                               Optional<Ogrs3Factors> ogrs3Factors) implements EventPayload {

    /**
     * What the referral service publishes of this referral (ADR 0009): the data less the date of birth, plus the age
     * at referral and its reporting band, all the analysis needs of the person's age, and the OGRS3 score the
     * service computed from {@code ogrs3Factors} at the append with its coefficient set's version (published schema
     * version 3, ADR 0015).
     *
     * @param ogrs3Computed the score stored with the referral when it was appended; empty for a referral with
     *                      percentages, or one stored before scores carried a version
     * @throws IllegalArgumentException if a computed score is given for a referral without factors
     */
    public Published published(Optional<Ogrs3Computed> ogrs3Computed) {
        if (ogrs3Computed.isPresent() && ogrs3Factors.isEmpty()) {
            throw new IllegalArgumentException("ogrs3Computed: only a referral with ogrs3Factors has a computed score");
        }
        int age = AgeBand.ageOn(dateOfBirth, referralDate);
        return new Published(referralDate, setting, contractArea, region, team, office, gender, age, AgeBand.of(age),
                ethnicity, disability, offenceCategory, ogrs3OneYearPercent, ogrs3TwoYearPercent, ogrs3Factors,
                ogrs3Computed);
    }

    /** {@link #published(Optional)} without a computed score. */
    public Published published() {
        return published(Optional.empty());
    }

    /**
     * The published data of {@code ete.referral.received.v1} on {@code referral.events.v1}: the schema
     * {@code contracts/schemas/published/ete.referral.received.v1.json} ({@link EventType#publishedSchemaResource()}).
     * The other fields are those of the referral as received.
     *
     * @param ageAtReferral the age in whole years on the referral date ({@link AgeBand#ageOn}); also the OGRS3
     *                      assessment age
     * @param ageBand       the reporting band of {@code ageAtReferral}
     * @param ogrs3Computed the score the referral service computed from {@code ogrs3Factors} when it accepted the
     *                      referral, with its coefficient set's version; absent for percentages and for referrals
     *                      accepted before scores carried a version
     */
    public record Published(LocalDate referralDate, Setting setting, String contractArea, String region,
                            String team, String office, Gender gender, int ageAtReferral, AgeBand ageBand,
                            Ethnicity ethnicity, Optional<Disability> disability, OffenceCategory offenceCategory,
                            Optional<Double> ogrs3OneYearPercent, Optional<Double> ogrs3TwoYearPercent,
                            Optional<Ogrs3Factors> ogrs3Factors, Optional<Ogrs3Computed> ogrs3Computed)
            implements PublishedPayload {
    }

    /**
     * An OGRS3 score computed from the factors, fixed when computed (DOMAIN.md "OGRS3": as in OASys), and the version
     * of the coefficient set that computed it ({@link Ogrs3.Coefficients#version()}). Probabilities, 0..1, unrounded
     * (unlike the partner's {@code ogrs3OneYearPercent}).
     *
     * @param oneYear             probability of a proven reoffence within one year
     * @param twoYear             probability within two years
     * @param coefficientsVersion e.g. {@code ogrs3-2026-12-02}
     */
    public record Ogrs3Computed(double oneYear, double twoYear, String coefficientsVersion) {

        /** The published part of a score. */
        public static Ogrs3Computed of(Ogrs3.Score score) {
            return new Ogrs3Computed(score.oneYear(), score.twoYear(), score.coefficientsVersion());
        }
    }

    /**
     * The OGRS3 static factors of a referral.
     *
     * @param sanctions              number of sanctions including the current one, 1-200
     * @param ageAtFirstSanction     age in years at the first sanction, 10-100
     * @param ageAtCurrentConviction age in years at the current conviction, 10-100
     */
    public record Ogrs3Factors(int sanctions, int ageAtFirstSanction, int ageAtCurrentConviction) {
    }
}
