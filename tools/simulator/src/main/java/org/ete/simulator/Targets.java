package org.ete.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ete.contracts.Qualification;
import org.ete.contracts.Sector;

/**
 * The seeds' own figures (DOMAIN.md "The seeds' own tables"), the windows they refer to, and the few choices the
 * simulator makes where the seeds are silent (marked CHOICE). Everything else in the generator is calibrated to
 * these numbers; {@link Report} prints them next to what it measures.
 */
final class Targets {
    private Targets() {
    }

    // ---- ETE evaluation 2021 ----
    /** Took up ETE support, April 2018 - March 2021: one "block" of the simulation. */
    static final int TOOK_UP = 13_923;
    static final int FOUND_WORK = 3_263;
    static final int SUSTAINED = 2_048;
    /** People in the RAT analysis: matured one-year follow-up (footnote 7). */
    static final int MATURED_ETE = 12_525;
    static final int MATURED_FOUND_WORK = 2_756;
    static final int MATURED_SUSTAINED = 1_709;
    static final double ACTUAL_ETE = 0.271;
    static final double PREDICTED_ETE = 0.356;
    static final double ACTUAL_FOUND_WORK = 0.200;
    static final double PREDICTED_FOUND_WORK = 0.304;
    static final double ACTUAL_SUSTAINED = 0.177;
    static final double PREDICTED_SUSTAINED = 0.286;

    /** The take-up window of the evaluation (inclusive). */
    static final int WINDOW_FROM = Days.of(2018, 4, 1);
    static final int WINDOW_TO = Days.of(2021, 3, 31);
    /**
     * The as-of date at which the matured counts are reproduced: matured means index + 547 <= as-of, so every index
     * date up to 2021-04-02 is matured and the ~1,400 people released from custody later are pending.
     */
    static final int AS_OF = Days.of(2022, 10, 1);
    static final int FOLLOW_UP_DAYS = 365;
    static final int MATURITY_DAYS = 547;
    /** Last index date that is matured at {@link #AS_OF}. */
    static final int LAST_MATURED_INDEX = AS_OF - MATURITY_DAYS;

    /** Figures 1 and 2 cover "the five-year period between 2016 and 2021": five financial years (CHOICE). */
    static final int FIGURES_FROM = Days.of(2016, 4, 1);
    static final int FIGURES_TO = Days.of(2021, 3, 31);
    /** Earlier participants (took up April 2016 - March 2018) who make up the rest of Figures 1 and 2. */
    static final int HISTORICAL_FROM = Days.of(2016, 4, 1);
    static final int HISTORICAL_TO = Days.of(2018, 3, 31);

    static final int COURSES_COMPLETED = 6_150;
    static final int JOBS = 4_919;

    /** Figure 1: courses completed (achieved) 2016-21 by qualification. The six named are the seed's. */
    static final Map<Qualification, Integer> FIG1 = new LinkedHashMap<>();
    /** Figure 2: jobs started 2016-21 by sector. The eight named are the seed's; "other" is the remainder. */
    static final Map<Sector, Integer> FIG2 = new LinkedHashMap<>();

    static {
        FIG1.put(Qualification.CSCS, 1_039);
        FIG1.put(Qualification.VOCATIONAL, 969);
        FIG1.put(Qualification.NVQ, 443);
        FIG1.put(Qualification.FORK_LIFT, 402);
        FIG1.put(Qualification.HEALTH_AND_SAFETY, 279);
        FIG1.put(Qualification.PERSONAL_TRACK_SAFETY, 277);
        // CHOICE: the seed's Figure 1 is an image we do not have; the 2,741 completions it does not name are split
        // between functional skills (numeracy, literacy, ICT: the model refers people to them) and other.
        FIG1.put(Qualification.FUNCTIONAL_SKILLS, 1_480);
        FIG1.put(Qualification.OTHER, 1_261);

        FIG2.put(Sector.WAREHOUSING, 1_253);
        FIG2.put(Sector.CONSTRUCTION, 1_013);
        FIG2.put(Sector.RETAIL, 298);
        FIG2.put(Sector.PRODUCTION, 290);
        FIG2.put(Sector.DRIVING, 266);
        FIG2.put(Sector.HOSPITALITY, 181);
        FIG2.put(Sector.MANUFACTURING, 178);
        FIG2.put(Sector.CLEANING, 175);
        FIG2.put(Sector.OTHER, 1_265);
    }

    // ---- Lived experience evaluation 2023 (the Academy), one replica ----
    /** The snapshot date of the Academy figures ("currently (June 2023)"); no Academy event is dated later. */
    static final int ACADEMY_AS_OF = Days.of(2023, 6, 30);
    /** The "most recent 12 month period" for leavers and sickness. */
    static final int ACADEMY_YEAR_FROM = Days.of(2022, 7, 1);
    static final int ACADEMY_START = Days.of(2021, 7, 5);
    static final int MENTORS_GRADUATED = 107;
    static final int MENTORS_IN_TRAINING = 43;
    static final int LE_EMPLOYEES = 56;
    static final int LE_ENTRY = 48;
    static final int LE_INTERMEDIATE = 7;
    static final int LE_MANAGERIAL = 1;
    static final double HIRE_RATE_LE = 0.2609;
    static final double HIRE_RATE_NON_LE = 0.0672;
    static final double DAYS_TO_START_LE = 15;
    static final double DAYS_TO_START_NON_LE = 20;
    /** "more than three times LESS likely to leave": LE leaving rate / non-LE leaving rate below 1/3. */
    static final double LEAVING_RATIO_MAX = 1.0 / 3.0;
    /** "14% fewer sick days". */
    static final double FEWER_SICK_DAYS = 0.14;

    // CHOICE: counts behind the seed's rates (26.09% = 60/230 exactly; 6.72% = 84/1,250 exactly).
    static final int LE_APPLICATIONS = 230;
    static final int LE_HIRES = 60;
    static final int NON_LE_APPLICATIONS = 1_250;
    static final int NON_LE_HIRES = 84;
    /** LE hires who left in the last 12 months (60 hired - 56 employed). */
    static final int LE_LEAVERS = LE_HIRES - LE_EMPLOYEES;
    /** Non-LE leavers in the last 12 months: 19/84 = 22.6% against 4/60 = 6.7%, 3.4 times. */
    static final int NON_LE_LEAVERS = 19;
    /** Mean sick days per employee over the last 12 months (non-LE); LE is 14% fewer. */
    static final double SICK_DAYS_NON_LE = 8.0;

    /** Scales a seed count to {@code n} take-ups (one block = {@link #TOOK_UP}). */
    static int scale(int seedCount, double factor) {
        return (int) Math.round(seedCount * factor);
    }

    /** Largest-remainder apportionment of {@code total} over {@code weights} (exact sum, deterministic). */
    static int[] apportion(int total, double[] weights) {
        int k = weights.length;
        int[] out = new int[k];
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        if (total <= 0 || sum <= 0) {
            return out;
        }
        double[] rem = new double[k];
        int given = 0;
        for (int i = 0; i < k; i++) {
            double exact = total * weights[i] / sum;
            out[i] = (int) Math.floor(exact);
            rem[i] = exact - out[i];
            given += out[i];
        }
        while (given < total) {
            int best = 0;
            for (int i = 1; i < k; i++) {
                if (rem[i] > rem[best]) {
                    best = i;
                }
            }
            out[best]++;
            rem[best] = -1;
            given++;
        }
        return out;
    }
}
