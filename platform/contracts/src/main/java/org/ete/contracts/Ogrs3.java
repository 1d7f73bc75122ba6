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
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The OGRS3 proven-reoffending predictor (DOMAIN.md "OGRS3"), for a referral that carries the static factors
 * instead of the scores.
 *
 * <pre>
 * eta = a + b(age band, gender) + b(status) + copyRate * ln(min(S, cap) / (10 + A_conv - A_first)) + b(offence)
 * p   = 1 / (1 + exp(-eta))
 * </pre>
 * The coefficients live in one data file, {@code contracts/ogrs3-coefficients.json} ({@link #RESOURCE}); its
 * {@code note} records where sources differ and its {@code sources} names both public sources of the motoring pair
 * and which one the file follows. The age band is the age in full years on the assessment (referral) date. Results
 * are never rounded.
 *
 * <p><b>Sanctions cap.</b> The current set counts at most {@code sanctionsCap} = 50 sanctions in the copy-rate term,
 * as the probation service's calculator does: S = 120 scores as S = 50. The input still accepts S up to
 * {@link #MAX_SANCTIONS} (200, the referral schema's maximum), and b(status) depends on S = 1 only, which the cap
 * never changes. The cap belongs to the coefficient set ({@link Coefficients#sanctionsCap()}): the set before it,
 * ogrs3-2026-11-23, had none.
 *
 * <p><b>Versions.</b> Every set has a version ({@link Coefficients#version()}, {@code ogrs3-YYYY-MM-DD}: the date it
 * took effect, {@code .2}, {@code .3} ... for a second set that day) and every {@link Score} carries the version of
 * the set that computed it, so a stored score says what it was computed with. A change of coefficients, cap or
 * formula is a new set with a new version, and the set it replaces is copied unchanged to
 * {@code contracts/ogrs3-coefficients/<version>.json} ({@link #ARCHIVE_FOLDER}) first: {@link #coefficients(String)}
 * finds any set by version, so a score that must be reproduced as it was given (the analysis's fallback for referrals
 * published without a stored score) is computed with its own set, never silently with a later one.
 */
public final class Ogrs3 {

    /** Classpath location of the current coefficients. */
    public static final String RESOURCE = "contracts/ogrs3-coefficients.json";
    /** Classpath folder of the sets the current one replaced, one {@code <version>.json} each. */
    public static final String ARCHIVE_FOLDER = "contracts/ogrs3-coefficients/";
    /** What a set's version looks like: {@code ogrs3-} and the date it took effect, then {@code .n} for a later set that day. */
    public static final Pattern VERSION = Pattern.compile("ogrs3-\\d{4}-\\d{2}-\\d{2}(\\.([2-9]|[1-9][0-9]+))?");
    /** Youngest age (at assessment, first sanction and current conviction) the model covers. */
    public static final int MIN_AGE = 10;
    /** Largest accepted age at first sanction or current conviction (as the referral schema). */
    public static final int MAX_CONVICTION_AGE = 100;
    /** Largest accepted number of sanctions (as the referral schema). */
    public static final int MAX_SANCTIONS = 200;

    private static volatile Coefficients standard;
    private static final Map<String, Coefficients> ARCHIVED = new ConcurrentHashMap<>();

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
     * @param sanctions              S: sanctions including the current one, 1..200 (counted as at most the set's
     *                               {@link Coefficients#sanctionsCap()} in the formula)
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
     * @param ageAtAssessment     the age in full years on the assessment date
     * @param coefficientsVersion the version of the coefficient set that computed it ({@link Coefficients#version()})
     */
    public record Score(double oneYear, double twoYear, AgeBand ageBand, int ageAtAssessment,
                        String coefficientsVersion) {

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
     * @param sanctions              S: sanctions including the current one, 1..200 (counted as at most the set's
     *                               {@link Coefficients#sanctionsCap()} in the formula)
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
        // S = 1 with an earlier first sanction contradicts itself, but was scored before the referral service refused
        // it (rule single-sanction-first-is-current): refusing it here would make those scores irreproducible.

        AgeBand band = AgeBand.of(age);
        int counted = c.sanctionsCap().isPresent() ? Math.min(s, c.sanctionsCap().getAsInt()) : s;
        double rest = c.ageGender(band, input.gender())
                + (s == 1 ? c.firstSanction() : c.repeatSanction())
                + c.copyRate() * Math.log((double) counted / (10.0 + conv - first))
                + c.offence(input.offenceCategory());
        double one = logistic(c.interceptOneYear() + rest);
        double two = logistic(c.interceptTwoYear() + rest);
        return new Score(one, two, band, age, c.version());
    }

    /** The version of the current coefficient set ({@link #RESOURCE}), e.g. {@code ogrs3-2026-12-02}. */
    public static String version() {
        return coefficients().version();
    }

    /**
     * The coefficient set of this version: the current one ({@link #RESOURCE}) or one it replaced
     * ({@link #ARCHIVE_FOLDER}{@code <version>.json}), each read once.
     *
     * @throws IllegalArgumentException if no set has this version
     * @throws IllegalStateException    if the archived file of this version names another version
     */
    public static Coefficients coefficients(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("coefficientsVersion must look like ogrs3-YYYY-MM-DD, was " + version);
        }
        Coefficients current = coefficients();
        if (current.version().equals(version)) {
            return current;
        }
        return ARCHIVED.computeIfAbsent(version, v -> {
            String resource = ARCHIVE_FOLDER + v + ".json";
            Coefficients c;
            try (InputStream in = EventCatalogue.open(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no OGRS3 coefficient set has version " + v + " (neither "
                            + RESOURCE + " nor " + resource + ")");
                }
                c = Coefficients.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
            if (!c.version().equals(v)) {
                throw new IllegalStateException(resource + " holds version " + c.version() + ", not " + v);
            }
            return c;
        });
    }

    /** The current coefficients, read once from {@link #RESOURCE}. */
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

    /** A complete, immutable, versioned set of OGRS3 coefficients (as in the data file). */
    public static final class Coefficients {
        private final String version;
        private final Integer sanctionsCap;
        private final double interceptOneYear;
        private final double interceptTwoYear;
        private final double firstSanction;
        private final double repeatSanction;
        private final double copyRate;
        private final Map<AgeBand, Map<Gender, Double>> ageGender;
        private final Map<OffenceCategory, Double> offence;
        private final String note;

        /**
         * @param version      the set's version ({@link #VERSION})
         * @param sanctionsCap the most sanctions the copy-rate term counts, or null for no cap
         * @throws IllegalArgumentException if the version is malformed, the cap below 1, or a band, gender or offence
         *                                  category has no coefficient
         */
        public Coefficients(String version, Integer sanctionsCap, double interceptOneYear, double interceptTwoYear,
                            double firstSanction, double repeatSanction, double copyRate,
                            Map<AgeBand, Map<Gender, Double>> ageGender, Map<OffenceCategory, Double> offence,
                            String note) {
            if (version == null || !VERSION.matcher(version).matches()) {
                throw new IllegalArgumentException("coefficients: 'version' must look like ogrs3-YYYY-MM-DD, was "
                        + version);
            }
            if (sanctionsCap != null && sanctionsCap < 1) {
                throw new IllegalArgumentException("coefficients: 'sanctionsCap' must be at least 1 or null, was "
                        + sanctionsCap);
            }
            this.version = version;
            this.sanctionsCap = sanctionsCap;
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
            JsonNode version = root.get("version");
            if (version == null || !version.isTextual()) {
                throw new IllegalArgumentException("coefficients: 'version' must be a string");
            }
            // required, so a set cannot lose its cap by omission; null says "no cap" explicitly
            JsonNode cap = root.get("sanctionsCap");
            if (cap == null || !(cap.isNull() || cap.isIntegralNumber() && cap.canConvertToInt())) {
                throw new IllegalArgumentException("coefficients: 'sanctionsCap' must be an integer or null (no cap)");
            }
            return new Coefficients(version.textValue(), cap.isNull() ? null : cap.intValue(),
                    number(intercept, "oneYear"), number(intercept, "twoYear"),
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

        /** The set's version, e.g. {@code ogrs3-2026-12-02}. */
        public String version() {
            return version;
        }

        /** The most sanctions the copy-rate term counts (a larger S counts as this); empty if the set has no cap. */
        public OptionalInt sanctionsCap() {
            return sanctionsCap == null ? OptionalInt.empty() : OptionalInt.of(sanctionsCap);
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
