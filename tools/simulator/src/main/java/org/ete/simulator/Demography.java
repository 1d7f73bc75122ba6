package org.ete.simulator;

import org.ete.contracts.Disability;
import org.ete.contracts.Ethnicity;
import org.ete.contracts.Gender;
import org.ete.contracts.OffenceCategory;
import org.ete.contracts.Ogrs3;
import org.ete.contracts.Setting;

/**
 * Who the people are: setting, area, team and office, gender, age, ethnicity, disability, index offence and the
 * OGRS3 static factors, with the score computed by the contract's {@link Ogrs3} (so the percentages sent and the
 * factors sent mean the same thing). The mixes are plausible for a Midlands probation caseload; they are choices,
 * not seed figures, except that the mean OGRS3 one-year score is then calibrated to the seed (see
 * {@link BlockGenerator}).
 */
final class Demography {
    private Demography() {
    }

    static final Setting[] SETTINGS = {Setting.COMMUNITY, Setting.CUSTODY, Setting.UNPAID_WORK,
        Setting.APPROVED_PREMISES};
    private static final double[] SETTING_CUM = Rng.cumulative(0.52, 0.24, 0.15, 0.09);

    private static final int[] AGE_FROM = {18, 21, 25, 30, 35, 40, 50, 60};
    private static final int[] AGE_TO = {20, 24, 29, 34, 39, 49, 59, 72};
    private static final double[] AGE_CUM = Rng.cumulative(0.09, 0.15, 0.19, 0.18, 0.14, 0.16, 0.07, 0.02);

    private static final Ethnicity[] ETHNICITIES = Ethnicity.values(); // white, mixed, asian, black, other, not-stated
    private static final double[] ETHNICITY_DLNR = Rng.cumulative(0.80, 0.04, 0.07, 0.04, 0.01, 0.04);
    private static final double[] ETHNICITY_SWM = Rng.cumulative(0.64, 0.06, 0.13, 0.10, 0.02, 0.05);

    /** yes, no, not-stated, field left out. */
    private static final double[] DISABILITY_CUM = Rng.cumulative(0.21, 0.67, 0.07, 0.05);

    private static final OffenceCategory[] OFFENCES = OffenceCategory.values();
    /** In {@link OffenceCategory} order (the OGRS3 table's). */
    private static final double[] OFFENCE_CUM = Rng.cumulative(
            0.26,   // violence
            0.03,   // robbery
            0.06,   // public order
            0.025,  // sexual (not against a child)
            0.02,   // sexual (against a child)
            0.003,  // soliciting
            0.05,   // burglary (domestic)
            0.03,   // burglary (other)
            0.12,   // theft (non-motor)
            0.015,  // handling stolen goods
            0.01,   // absconding or bail
            0.015,  // taking and driving away
            0.01,   // theft from vehicles
            0.04,   // drink driving
            0.05,   // other motoring
            0.04,   // criminal damage
            0.015,  // drug import, export or production
            0.11,   // drug possession or supply
            0.077,  // other
            0.03);  // fraud and forgery

    /** Sanctions accrue at about this many a year of criminal career (tuned so the mean score is near the seed's). */
    static final double SANCTION_RATE = 0.62;
    /** Share of referrals that send the OGRS3 static factors instead of the percentages. */
    static final double FACTORS_SHARE = 0.2;

    static Setting setting(Rng rng) {
        return SETTINGS[rng.pick(SETTING_CUM)];
    }

    /** Gender, age and date of birth (18 or over on the referral date), ethnicity, disability, index offence. */
    static void people(Person p, Rng rng) {
        double female = p.setting == Setting.CUSTODY ? 0.05 : p.setting == Setting.APPROVED_PREMISES ? 0.08 : 0.16;
        p.gender = rng.chance(female) ? Gender.FEMALE : Gender.MALE;
        int band = rng.pick(AGE_CUM);
        int age = rng.between(AGE_FROM[band], AGE_TO[band]);
        // Born between age+1 years and age years before the referral date: exactly `age` on that day.
        int latest = Days.of(Days.date(p.referralDate).minusYears(age));
        int earliest = Days.of(Days.date(p.referralDate).minusYears(age + 1)) + 1;
        p.dateOfBirth = rng.between(earliest, latest);
        p.ethnicity = ETHNICITIES[rng.pick(p.contractArea.equals(Geography.DLNR) ? ETHNICITY_DLNR : ETHNICITY_SWM)];
        int d = rng.pick(DISABILITY_CUM);
        p.disability = d == 0 ? Disability.YES : d == 1 ? Disability.NO : d == 2 ? Disability.NOT_STATED : null;
        p.offence = OFFENCES[rng.pick(OFFENCE_CUM)];
    }

    static OffenceCategory offence(Rng rng) {
        return OFFENCES[rng.pick(OFFENCE_CUM)];
    }

    /** The OGRS3 static factors, from a criminal career that starts young for most. */
    static void factors(Person p, Rng rng) {
        int age = Days.age(p.dateOfBirth, p.referralDate);
        int conv = rng.chance(0.35) ? age - 1 : age;
        if (rng.chance(0.08)) {
            p.sanctions = 1;
            p.ageAtFirstSanction = conv;
            p.ageAtCurrentConviction = conv;
        } else {
            double u = rng.nextDouble();
            int first;
            if (u < 0.5) {
                first = rng.between(12, Math.min(17, conv));
            } else if (u < 0.8) {
                first = rng.between(18, Math.min(25, conv));
            } else {
                first = rng.between(Math.min(26, conv), conv);
            }
            first = Math.max(Ogrs3.MIN_AGE, Math.min(first, conv));
            int career = conv - first;
            double lambda = SANCTION_RATE * Math.max(0.5, career) * rng.gamma(1.5) / 1.5;
            p.sanctions = Math.min(150, 2 + rng.poisson(lambda));
            p.ageAtFirstSanction = first;
            p.ageAtCurrentConviction = conv;
        }
        p.sendsFactors = rng.chance(FACTORS_SHARE);
        score(p);
    }

    /** Computes the score with the contract's calculator and sets what the platform will see. */
    static void score(Person p) {
        Ogrs3.Score s = Ogrs3.compute(new Ogrs3.Input(p.gender, Days.date(p.dateOfBirth), Days.date(p.referralDate),
                p.offence, p.sanctions, p.ageAtFirstSanction, p.ageAtCurrentConviction));
        p.oneYearTenths = (int) Math.round(s.oneYear() * 1000.0);
        p.twoYearTenths = (int) Math.round(s.twoYear() * 1000.0);
        // The platform divides the percent it receives by 100, or keeps the computed value unrounded.
        p.p = p.sendsFactors ? s.oneYear() : (p.oneYearTenths / 10.0) / 100.0;
    }
}
