package org.ete.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.Period;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The OGRS3 proven-reoffending predictor (DOMAIN.md "OGRS3"), for a referral that carries the static factors
 * instead of the scores.
 *
 * <pre>
 * eta = a + b(age band, gender) + b(status) + copyRate * ln(S / (10 + A_conv - A_first)) + b(offence)
 * p   = 1 / (1 + exp(-eta))
 * </pre>
 * The coefficients live in one data file, {@code contracts/ogrs3-coefficients.json} ({@link #RESOURCE}); its
 * {@code note} records where sources differ. The age band is the age in full years on the assessment (referral)
 * date. Results are never rounded.
 */
public final class Ogrs3 {

    /** Classpath location of the coefficients. */
    public static final String RESOURCE = "contracts/ogrs3-coefficients.json";
    /** Youngest age (at assessment, first sanction and current conviction) the model covers. */
    public static final int MIN_AGE = 10;
    /** Largest accepted age at first sanction or current conviction (as the referral schema). */
    public static final int MAX_CONVICTION_AGE = 100;
    /** Largest accepted number of sanctions (as the referral schema). */
    public static final int MAX_SANCTIONS = 200;

    private static volatile Coefficients standard;

    private Ogrs3() {
    }

    /** OGRS3's age bands (age in full years on the assessment date). */
    public enum AgeBand {
        AGE_10_11("10-11", 10, 11),
        AGE_12_13("12-13", 12, 13),
        AGE_14_15("14-15", 14, 15),
        AGE_16_17("16-17", 16, 17),
        AGE_18_20("18-20", 18, 20),
        AGE_21_24("21-24", 21, 24),
        AGE_25_29("25-29", 25, 29),
        AGE_30_34("30-34", 30, 34),
        AGE_35_39("35-39", 35, 39),
        AGE_40_49("40-49", 40, 49),
        AGE_50_PLUS("50+", 50, Integer.MAX_VALUE);

        private final String label;
        private final int from;
        private final int to;

        AgeBand(String label, int from, int to) {
            this.label = label;
            this.from = from;
            this.to = to;
        }

        /** The band's name, as in the coefficients file, e.g. {@code "25-29"} or {@code "50+"}. */
        public String label() {
            return label;
        }

        /** Youngest age in the band. */
        public int from() {
            return from;
        }

        /** Oldest age in the band ({@link Integer#MAX_VALUE} for 50+). */
        public int to() {
            return to;
        }

        /**
         * The band of an age in full years.
         *
         * @throws IllegalArgumentException if {@code age} is below {@link #MIN_AGE}
         */
        public static AgeBand of(int age) {
            for (AgeBand b : values()) {
                if (age >= b.from && age <= b.to) {
                    return b;
                }
            }
            throw new IllegalArgumentException("age must be at least " + MIN_AGE + ", was " + age);
        }
    }

    /**
     * The static factors.
     *
     * @param gender                 gender
     * @param dateOfBirth            date of birth
     * @param assessmentDate         the referral date (the score is fixed as at this date)
     * @param offenceCategory        the index (current) offence
     * @param sanctions              S: sanctions including the current one, 1..200
     * @param ageAtFirstSanction     A_first: 10..100, not above ageAtCurrentConviction
     * @param ageAtCurrentConviction A_conv: 10..100
     */
    public record Input(Gender gender, LocalDate dateOfBirth, LocalDate assessmentDate,
                        OffenceCategory offenceCategory, int sanctions, int ageAtFirstSanction,
                        int ageAtCurrentConviction) {
    }

    /**
     * A score: probabilities in (0, 1), unrounded.
     *
     * @param oneYear         probability of a proven reoffence within one year
     * @param twoYear         probability within two years
     * @param ageBand         the age band used
     * @param ageAtAssessment the age in full years on the assessment date
     */
    public record Score(double oneYear, double twoYear, AgeBand ageBand, int ageAtAssessment) {

        /** {@link #oneYear()} in percent (0-100), unrounded. */
        public double oneYearPercent() {
            return oneYear * 100.0;
        }

        /** {@link #twoYear()} in percent (0-100), unrounded. */
        public double twoYearPercent() {
            return twoYear * 100.0;
        }
    }

    /**
     * The static factors with the age on the assessment date instead of the date of birth: what a consumer that
     * never sees the date of birth (the analysis, from the published {@code ageAtReferral}) scores. The same age
     * gives the same score as {@link Input}, by construction ({@link #compute(Input, Coefficients)} computes the age
     * and scores this with {@link #computeAtAge(AgeInput, Coefficients)}).
     *
     * @param gender                 gender
     * @param ageAtAssessment        the age in whole years on the assessment (referral) date, at least {@link #MIN_AGE}
     * @param offenceCategory        the index (current) offence
     * @param sanctions              S: sanctions including the current one, 1..200
     * @param ageAtFirstSanction     A_first: 10..100, not above ageAtCurrentConviction
     * @param ageAtCurrentConviction A_conv: 10..100
     */
    public record AgeInput(Gender gender, int ageAtAssessment, OffenceCategory offenceCategory, int sanctions,
                           int ageAtFirstSanction, int ageAtCurrentConviction) {
    }

    /** Scores {@code input} with the published coefficients ({@link #RESOURCE}). */
    public static Score compute(Input input) {
        return compute(input, coefficients());
    }

    /** Scores {@code input} with the published coefficients ({@link #RESOURCE}). */
    public static Score computeAtAge(AgeInput input) {
        return computeAtAge(input, coefficients());
    }

    /**
     * Scores {@code input} with the given coefficients.
     *
     * @throws IllegalArgumentException naming the offending field if the input is incomplete or out of range
     */
    public static Score compute(Input input, Coefficients c) {
        if (input == null) {
            throw new IllegalArgumentException("input is required");
        }
        require(input.dateOfBirth() != null, "dateOfBirth is required");
        require(input.assessmentDate() != null, "assessmentDate is required");
        require(input.dateOfBirth().isBefore(input.assessmentDate()),
                "dateOfBirth must be before assessmentDate");
        int age = Period.between(input.dateOfBirth(), input.assessmentDate()).getYears();
        require(age >= MIN_AGE, "dateOfBirth: age on assessmentDate must be at least " + MIN_AGE + ", was " + age);
        return computeAtAge(new AgeInput(input.gender(), age, input.offenceCategory(), input.sanctions(),
                input.ageAtFirstSanction(), input.ageAtCurrentConviction()), c);
    }

    /**
     * Scores {@code input} with the given coefficients.
     *
     * @throws IllegalArgumentException naming the offending field if the input is incomplete or out of range
     */
    public static Score computeAtAge(AgeInput input, Coefficients c) {
        if (input == null) {
            throw new IllegalArgumentException("input is required");
        }
        if (c == null) {
            throw new IllegalArgumentException("coefficients are required");
        }
        require(input.gender() != null, "gender is required");
        require(input.offenceCategory() != null, "offenceCategory is required");
        int age = input.ageAtAssessment();
        require(age >= MIN_AGE, "ageAtAssessment must be at least " + MIN_AGE + ", was " + age);
        int s = input.sanctions();
        int first = input.ageAtFirstSanction();
        int conv = input.ageAtCurrentConviction();
        require(s >= 1 && s <= MAX_SANCTIONS,
                "sanctions must be an integer from 1 to " + MAX_SANCTIONS + ", was " + s);
        require(first >= MIN_AGE && first <= MAX_CONVICTION_AGE,
                "ageAtFirstSanction must be from " + MIN_AGE + " to " + MAX_CONVICTION_AGE + ", was " + first);
        require(conv >= MIN_AGE && conv <= MAX_CONVICTION_AGE,
                "ageAtCurrentConviction must be from " + MIN_AGE + " to " + MAX_CONVICTION_AGE + ", was " + conv);
        require(first <= conv, "ageAtFirstSanction must not be greater than ageAtCurrentConviction ("
                + first + " > " + conv + ")");

        AgeBand band = AgeBand.of(age);
        double rest = c.ageGender(band, input.gender())
                + (s == 1 ? c.firstSanction() : c.repeatSanction())
                + c.copyRate() * Math.log((double) s / (10.0 + conv - first))
                + c.offence(input.offenceCategory());
        double one = logistic(c.interceptOneYear() + rest);
        double two = logistic(c.interceptTwoYear() + rest);
        return new Score(one, two, band, age);
    }

    /** The published coefficients, read once from {@link #RESOURCE}. */
    public static Coefficients coefficients() {
        Coefficients c = standard;
        if (c == null) {
            synchronized (Ogrs3.class) {
                c = standard;
                if (c == null) {
                    try (InputStream in = EventCatalogue.open(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException(RESOURCE + " is not on the classpath");
                        }
                        c = Coefficients.read(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + RESOURCE, e);
                    }
                    standard = c;
                }
            }
        }
        return c;
    }

    private static double logistic(double eta) {
        return 1.0 / (1.0 + Math.exp(-eta));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A complete, immutable set of OGRS3 coefficients (as in the data file). */
    public static final class Coefficients {
        private final double interceptOneYear;
        private final double interceptTwoYear;
        private final double firstSanction;
        private final double repeatSanction;
        private final double copyRate;
        private final Map<AgeBand, Map<Gender, Double>> ageGender;
        private final Map<OffenceCategory, Double> offence;
        private final String note;

        /**
         * @throws IllegalArgumentException if a band, gender or offence category has no coefficient
         */
        public Coefficients(double interceptOneYear, double interceptTwoYear, double firstSanction,
                            double repeatSanction, double copyRate, Map<AgeBand, Map<Gender, Double>> ageGender,
                            Map<OffenceCategory, Double> offence, String note) {
            this.interceptOneYear = interceptOneYear;
            this.interceptTwoYear = interceptTwoYear;
            this.firstSanction = firstSanction;
            this.repeatSanction = repeatSanction;
            this.copyRate = copyRate;
            Map<AgeBand, Map<Gender, Double>> ag = new EnumMap<>(AgeBand.class);
            for (AgeBand b : AgeBand.values()) {
                Map<Gender, Double> row = ageGender.get(b);
                if (row == null) {
                    throw new IllegalArgumentException("ageGender: no coefficients for age band " + b.label());
                }
                Map<Gender, Double> copy = new EnumMap<>(Gender.class);
                for (Gender g : Gender.values()) {
                    Double v = row.get(g);
                    if (v == null) {
                        throw new IllegalArgumentException("ageGender: no coefficient for " + b.label() + " " + g.wire());
                    }
                    copy.put(g, v);
                }
                ag.put(b, Collections.unmodifiableMap(copy));
            }
            this.ageGender = Collections.unmodifiableMap(ag);
            Map<OffenceCategory, Double> off = new EnumMap<>(OffenceCategory.class);
            for (OffenceCategory o : OffenceCategory.values()) {
                Double v = offence.get(o);
                if (v == null) {
                    throw new IllegalArgumentException("offence: no coefficient for " + o.wire());
                }
                off.put(o, v);
            }
            this.offence = Collections.unmodifiableMap(off);
            this.note = note;
        }

        /** Reads the JSON layout of {@code contracts/ogrs3-coefficients.json}; every band, gender and category must be present. */
        public static Coefficients read(InputStream json) throws IOException {
            JsonNode root = new ObjectMapper().readTree(json);
            Map<AgeBand, Map<Gender, Double>> ag = new EnumMap<>(AgeBand.class);
            JsonNode agNode = field(root, "ageGender");
            for (AgeBand b : AgeBand.values()) {
                JsonNode row = agNode.get(b.label());
                if (row == null) {
                    continue; // reported by the constructor
                }
                Map<Gender, Double> r = new EnumMap<>(Gender.class);
                for (Gender g : Gender.values()) {
                    if (row.hasNonNull(g.wire())) {
                        r.put(g, number(row, g.wire()));
                    }
                }
                ag.put(b, r);
            }
            Map<OffenceCategory, Double> off = new EnumMap<>(OffenceCategory.class);
            JsonNode offNode = field(root, "offence");
            offNode.fieldNames().forEachRemaining(name -> off.put(OffenceCategory.fromWire(name), number(offNode, name)));
            JsonNode intercept = field(root, "intercept");
            JsonNode status = field(root, "status");
            return new Coefficients(number(intercept, "oneYear"), number(intercept, "twoYear"),
                    number(status, "firstSanction"), number(status, "repeatSanction"), number(root, "copyRate"),
                    ag, off, root.path("note").asText(""));
        }

        private static JsonNode field(JsonNode node, String name) {
            JsonNode n = node.get(name);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("coefficients: '" + name + "' must be an object");
            }
            return n;
        }

        private static double number(JsonNode node, String name) {
            JsonNode n = node.get(name);
            if (n == null || !n.isNumber()) {
                throw new IllegalArgumentException("coefficients: '" + name + "' must be a number");
            }
            return n.doubleValue();
        }

        /** a for one year. */
        public double interceptOneYear() {
            return interceptOneYear;
        }

        /** a for two years. */
        public double interceptTwoYear() {
            return interceptTwoYear;
        }

        /** b(status) when the current sanction is the first (S = 1). */
        public double firstSanction() {
            return firstSanction;
        }

        /** b(status) otherwise (S > 1). */
        public double repeatSanction() {
            return repeatSanction;
        }

        /** The copy-rate coefficient, multiplying ln(S / (10 + A_conv - A_first)). */
        public double copyRate() {
            return copyRate;
        }

        /** b(age band, gender). */
        public double ageGender(AgeBand band, Gender gender) {
            return ageGender.get(band).get(gender);
        }

        /** b(offence). */
        public double offence(OffenceCategory category) {
            return offence.get(category);
        }

        /** The data file's caveat on the coefficients that sources disagree on. */
        public String note() {
            return note;
        }
    }
}
