package org.ete.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OGRS3 against hand-worked values. The coefficients below are typed in from DOMAIN.md's tables, independently of
 * the production data file, so a wrong value in the file (or a wrong band, sign or term) fails here.
 */
class Ogrs3Test {

    static final double TOLERANCE = 1e-12;

    // ---- DOMAIN.md, literally ----
    static final double A_ONE_YEAR = 1.402562384;
    static final double A_TWO_YEAR = 2.121705678;
    static final double FIRST_SANCTION = 0.126142106;
    static final double REPEAT_SANCTION = 0.463062792;
    static final double COPY_RATE = 1.251124464;
    /** The current set counts at most 50 sanctions (the probation service's calculator). */
    static final int SANCTIONS_CAP = 50;
    static final String CURRENT_VERSION = "ogrs3-2026-12-02";
    /** The set before the current one: the same values, no cap. */
    static final String PINNED_VERSION = "ogrs3-2026-11-23";
    /** Lower bound of each band: 10-11, 12-13, 14-15, 16-17, 18-20, 21-24, 25-29, 30-34, 35-39, 40-49, 50+. */
    static final int[] BAND_FROM = {10, 12, 14, 16, 18, 21, 25, 30, 35, 40, 50};
    static final String[] BAND_LABEL = {"10-11", "12-13", "14-15", "16-17", "18-20", "21-24", "25-29", "30-34",
        "35-39", "40-49", "50+"};
    static final double[] MALE = {0, 0.083923, 0.075776, -0.061594, -0.625104, -1.051515, -1.166679, -1.325977,
        -1.368046, -1.499691, -2.025261};
    static final double[] FEMALE = {-0.785038, -0.613852, -0.669521, -0.959180, -0.897481, -1.028488, -1.052778,
        -1.129128, -1.421875, -1.524652, -2.449837};
    static final Map<String, Double> OFFENCE = Map.ofEntries(
            Map.entry("violence", 0.0), Map.entry("robbery", -0.634796), Map.entry("public-order", 0.181918),
            Map.entry("sexual-not-child", 0.003276), Map.entry("sexual-child", -0.653434),
            Map.entry("soliciting", 0.760609), Map.entry("burglary-domestic", -0.123944),
            Map.entry("burglary-other", 0.240604), Map.entry("theft-non-motor", 0.661244),
            Map.entry("handling-stolen-goods", 0.351867), Map.entry("absconding-bail", 0.733379),
            Map.entry("taking-driving-away", 0.380059), Map.entry("theft-from-vehicle", 0.427226),
            Map.entry("drink-driving", -0.121439), Map.entry("other-motoring", 0.262228),
            Map.entry("criminal-damage", 0.204960), Map.entry("drug-import-export-production", -0.795556),
            Map.entry("drug-possession-supply", 0.077166), Map.entry("other", -0.060668),
            Map.entry("fraud-forgery", 0.159910));

    static final LocalDate ASSESSED = LocalDate.of(2021, 6, 15);

    static int bandIndex(int age) {
        int i = BAND_FROM.length - 1;
        while (BAND_FROM[i] > age) {
            i--;
        }
        return i;
    }

    /** p by hand: {oneYear, twoYear}. */
    static double[] expected(String gender, int age, String offence, int s, int first, int conv) {
        int band = bandIndex(age);
        double eta = (gender.equals("male") ? MALE[band] : FEMALE[band])
                + (s == 1 ? FIRST_SANCTION : REPEAT_SANCTION)
                + COPY_RATE * Math.log(Math.min(s, SANCTIONS_CAP) / (10.0 + conv - first))
                + OFFENCE.get(offence);
        return new double[] {1 / (1 + Math.exp(-(A_ONE_YEAR + eta))), 1 / (1 + Math.exp(-(A_TWO_YEAR + eta)))};
    }

    static Ogrs3.Input input(Gender g, int age, OffenceCategory o, int s, int first, int conv) {
        return new Ogrs3.Input(g, ASSESSED.minusYears(age), ASSESSED, o, s, first, conv);
    }

    static void assertScore(double[] expected, Ogrs3.Score actual) {
        assertEquals(expected[0], actual.oneYear(), TOLERANCE, "one year");
        assertEquals(expected[1], actual.twoYear(), TOLERANCE, "two years");
        assertTrue(actual.oneYear() > 0 && actual.oneYear() < actual.twoYear() && actual.twoYear() < 1);
    }

    @Test
    void theWorkedExampleOfTheBrief() {
        // male, 25 on the referral date, 5 sanctions, first at 15, current at 24, domestic burglary
        double eta = -1.166679 + 0.463062792 + 1.251124464 * Math.log(5.0 / (10 + 24 - 15)) + -0.123944;
        double one = 1 / (1 + Math.exp(-(1.402562384 + eta)));
        double two = 1 / (1 + Math.exp(-(2.121705678 + eta)));
        Ogrs3.Score score = Ogrs3.compute(input(Gender.MALE, 25, OffenceCategory.BURGLARY_DOMESTIC, 5, 15, 24));
        assertEquals(one, score.oneYear(), TOLERANCE);
        assertEquals(two, score.twoYear(), TOLERANCE);
        // the same numbers, worked independently outside Java
        assertEquals(0.250630899161836, score.oneYear(), TOLERANCE);
        assertEquals(0.4070661775971528, score.twoYear(), TOLERANCE);
        assertSame(Ogrs3.AgeBand.AGE_25_29, score.ageBand());
        assertEquals(25, score.ageAtAssessment());
        assertEquals(score.oneYear() * 100, score.oneYearPercent(), 0);
        assertEquals(score.twoYear() * 100, score.twoYearPercent(), 0);
        assertEquals(CURRENT_VERSION, score.coefficientsVersion(), "a score says which set computed it");
    }

    /**
     * Sanctions above 50 count as 50 (the probation service's calculator caps them); the input still takes up to 200.
     * Male, 45 on the referral date (band 40-49), violence, first sanction at 15, current conviction at 44. Worked in
     * python, independently of Java:
     * <pre>
     * import math
     * def p(s, cap):
     *     n = min(s, cap) if cap else s
     *     eta = -1.499691 + 0.463062792 + 1.251124464 * math.log(n / (10 + 44 - 15)) + 0
     *     return 1 / (1 + math.exp(-(1.402562384 + eta))), 1 / (1 + math.exp(-(2.121705678 + eta)))
     * p(120, 50)    # (0.6630219408284838, 0.8015378121293637)  capped: scored as S = 50
     * p(120, None)  # (0.8547199504148293, 0.9235264075465044)  the pinned set ogrs3-2026-11-23, no cap
     * </pre>
     */
    @Test
    void sanctionsAboveFiftyCountAsFifty() {
        Ogrs3.Score capped = Ogrs3.compute(input(Gender.MALE, 45, OffenceCategory.VIOLENCE, 120, 15, 44));
        assertEquals(0.6630219408284838, capped.oneYear(), TOLERANCE);
        assertEquals(0.8015378121293637, capped.twoYear(), TOLERANCE);
        assertEquals(CURRENT_VERSION, capped.coefficientsVersion());
        assertEquals(capped, Ogrs3.compute(input(Gender.MALE, 45, OffenceCategory.VIOLENCE, 50, 15, 44)),
                "120 sanctions score as 50");
        for (int s : new int[] {51, 77, 199, 200}) {
            assertEquals(capped, Ogrs3.compute(input(Gender.MALE, 45, OffenceCategory.VIOLENCE, s, 15, 44)), "S = " + s);
        }
        Ogrs3.Score fortyNine = Ogrs3.compute(input(Gender.MALE, 45, OffenceCategory.VIOLENCE, 49, 15, 44));
        assertTrue(fortyNine.oneYear() < capped.oneYear(), "below the cap S still counts");
        assertEquals(OptionalInt.of(SANCTIONS_CAP), Ogrs3.coefficients().sanctionsCap());

        // the set before the cap scores S in full: what it gave then, it gives still
        Ogrs3.Score uncapped = Ogrs3.compute(input(Gender.MALE, 45, OffenceCategory.VIOLENCE, 120, 15, 44),
                Ogrs3.coefficients(PINNED_VERSION));
        assertEquals(0.8547199504148293, uncapped.oneYear(), TOLERANCE);
        assertEquals(0.9235264075465044, uncapped.twoYear(), TOLERANCE);
        assertEquals(PINNED_VERSION, uncapped.coefficientsVersion());
    }

    @Test
    void everySetIsFoundByItsVersionAndTheArchivedSetIsTheCurrentOneWithoutTheCap() {
        assertEquals(CURRENT_VERSION, Ogrs3.version());
        assertSame(Ogrs3.coefficients(), Ogrs3.coefficients(CURRENT_VERSION));
        Ogrs3.Coefficients pinned = Ogrs3.coefficients(PINNED_VERSION);
        assertSame(pinned, Ogrs3.coefficients(PINNED_VERSION), "read once");
        assertEquals(PINNED_VERSION, pinned.version());
        assertEquals(OptionalInt.empty(), pinned.sanctionsCap());
        // its values are DOMAIN.md's, as the current set's
        assertEquals(A_ONE_YEAR, pinned.interceptOneYear(), 0);
        assertEquals(A_TWO_YEAR, pinned.interceptTwoYear(), 0);
        assertEquals(FIRST_SANCTION, pinned.firstSanction(), 0);
        assertEquals(REPEAT_SANCTION, pinned.repeatSanction(), 0);
        assertEquals(COPY_RATE, pinned.copyRate(), 0);
        for (Ogrs3.AgeBand b : Ogrs3.AgeBand.values()) {
            assertEquals(MALE[b.ordinal()], pinned.ageGender(b, Gender.MALE), 0, b.label());
            assertEquals(FEMALE[b.ordinal()], pinned.ageGender(b, Gender.FEMALE), 0, b.label());
        }
        for (OffenceCategory o : OffenceCategory.values()) {
            assertEquals(OFFENCE.get(o.wire()), pinned.offence(o), 0, o.wire());
        }
        // below the cap both sets give the same score, except for the version it carries
        Ogrs3.Input below = input(Gender.FEMALE, 31, OffenceCategory.FRAUD_FORGERY, 12, 17, 30);
        Ogrs3.Score now = Ogrs3.compute(below);
        Ogrs3.Score then = Ogrs3.compute(below, pinned);
        assertEquals(now.oneYear(), then.oneYear(), 0);
        assertEquals(now.twoYear(), then.twoYear(), 0);
        assertNotEquals(now.coefficientsVersion(), then.coefficientsVersion());

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Ogrs3.coefficients("ogrs3-2020-01-01"));
        assertTrue(unknown.getMessage().contains("ogrs3-2020-01-01"), unknown.getMessage());
        for (String bad : new String[] {null, "", "latest", "ogrs3-2026-12-02.1", "ogrs3-2026-12-02/../x", "OGRS3-2026-12-02"}) {
            assertThrows(IllegalArgumentException.class, () -> Ogrs3.coefficients(bad), String.valueOf(bad));
        }
        assertTrue(Ogrs3.VERSION.matcher("ogrs3-2026-12-02.2").matches(), "a second set on one day");
    }

    /** Every age band at both of its ends (50+ at 50 and 83), both genders. */
    static Stream<Arguments> everyAgeBandAndGender() {
        List<Arguments> out = new ArrayList<>();
        int[] ages = {10, 11, 12, 13, 14, 15, 16, 17, 18, 20, 21, 24, 25, 29, 30, 34, 35, 39, 40, 49, 50, 83};
        for (int age : ages) {
            for (Gender g : Gender.values()) {
                out.add(Arguments.of(g, age));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} aged {1}")
    @MethodSource("everyAgeBandAndGender")
    void everyAgeBandAndGender(Gender gender, int age) {
        int conv = Math.max(10, age - 1);
        int first = Math.min(conv, 10 + age % 5);
        int s = 2 + age % 7;
        Ogrs3.Score score = Ogrs3.compute(input(gender, age, OffenceCategory.VIOLENCE, s, first, conv));
        assertScore(expected(gender.wire(), age, "violence", s, first, conv), score);
        assertEquals(BAND_LABEL[bandIndex(age)], score.ageBand().label());
        assertEquals(age, score.ageAtAssessment());
    }

    @Test
    void theBandTablesCoverAllElevenBandsAndBothGendersDiffer() {
        Set<String> seen = new HashSet<>();
        everyAgeBandAndGender().forEach(a -> seen.add(Ogrs3.AgeBand.of((Integer) a.get()[1]).label()));
        assertEquals(Set.of(BAND_LABEL), seen);
        assertEquals(11, Ogrs3.AgeBand.values().length);
        Ogrs3.Score male = Ogrs3.compute(input(Gender.MALE, 30, OffenceCategory.OTHER, 3, 18, 29));
        Ogrs3.Score female = Ogrs3.compute(input(Gender.FEMALE, 30, OffenceCategory.OTHER, 3, 18, 29));
        assertNotEquals(male.oneYear(), female.oneYear());
    }

    static Stream<Arguments> everyOffenceAndGender() {
        List<Arguments> out = new ArrayList<>();
        for (OffenceCategory o : OffenceCategory.values()) {
            for (Gender g : Gender.values()) {
                out.add(Arguments.of(o, g));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("everyOffenceAndGender")
    void everyOffenceCategory(OffenceCategory offence, Gender gender) {
        Ogrs3.Score score = Ogrs3.compute(input(gender, 33, offence, 7, 16, 32));
        assertScore(expected(gender.wire(), 33, offence.wire(), 7, 16, 32), score);
    }

    @Test
    void theFirstSanctionSwitch() {
        Ogrs3.Score first = Ogrs3.compute(input(Gender.FEMALE, 22, OffenceCategory.THEFT_NON_MOTOR, 1, 21, 21));
        Ogrs3.Score second = Ogrs3.compute(input(Gender.FEMALE, 22, OffenceCategory.THEFT_NON_MOTOR, 2, 21, 21));
        assertScore(expected("female", 22, "theft-non-motor", 1, 21, 21), first);
        assertScore(expected("female", 22, "theft-non-motor", 2, 21, 21), second);
        // hand-worked: the only differences are b(status) and the copy-rate term ln(1/10) vs ln(2/10)
        double etaFirst = -1.028488 + 0.126142106 + 1.251124464 * Math.log(1 / 10.0) + 0.661244;
        assertEquals(1 / (1 + Math.exp(-(1.402562384 + etaFirst))), first.oneYear(), TOLERANCE);
        double logit = Math.log(second.oneYear() / (1 - second.oneYear())) - Math.log(first.oneYear() / (1 - first.oneYear()));
        assertEquals((0.463062792 - 0.126142106) + 1.251124464 * Math.log(2), logit, 1e-9);
        for (Gender g : Gender.values()) {
            Ogrs3.Score youngFirst = Ogrs3.compute(input(g, 10, OffenceCategory.ROBBERY, 1, 10, 10));
            assertScore(expected(g.wire(), 10, "robbery", 1, 10, 10), youngFirst);
        }
    }

    @Test
    void ageIsInFullYearsOnTheAssessmentDate() {
        LocalDate dob = LocalDate.of(2003, 6, 16);
        // the day before the 18th birthday: 17, band 16-17
        Ogrs3.Score before = Ogrs3.compute(new Ogrs3.Input(Gender.MALE, dob, LocalDate.of(2021, 6, 15),
                OffenceCategory.OTHER_MOTORING, 2, 15, 17));
        assertEquals(17, before.ageAtAssessment());
        assertSame(Ogrs3.AgeBand.AGE_16_17, before.ageBand());
        assertScore(expected("male", 17, "other-motoring", 2, 15, 17), before);
        Ogrs3.Score on = Ogrs3.compute(new Ogrs3.Input(Gender.MALE, dob, LocalDate.of(2021, 6, 16),
                OffenceCategory.OTHER_MOTORING, 2, 15, 17));
        assertEquals(18, on.ageAtAssessment());
        assertSame(Ogrs3.AgeBand.AGE_18_20, on.ageBand());
        assertScore(expected("male", 18, "other-motoring", 2, 15, 17), on);
        // born on 29 February: not yet 21 on 28 February of a common year
        LocalDate leap = LocalDate.of(2000, 2, 29);
        assertEquals(20, Ogrs3.compute(new Ogrs3.Input(Gender.FEMALE, leap, LocalDate.of(2021, 2, 28),
                OffenceCategory.DRINK_DRIVING, 1, 20, 20)).ageAtAssessment());
        assertEquals(21, Ogrs3.compute(new Ogrs3.Input(Gender.FEMALE, leap, LocalDate.of(2021, 3, 1),
                OffenceCategory.DRINK_DRIVING, 1, 20, 20)).ageAtAssessment());
    }

    @Test
    void copyRateTermUsesTheCareerLength() {
        // same S, longer criminal career -> lower score
        Ogrs3.Score shortCareer = Ogrs3.compute(input(Gender.MALE, 40, OffenceCategory.VIOLENCE, 10, 35, 39));
        Ogrs3.Score longCareer = Ogrs3.compute(input(Gender.MALE, 40, OffenceCategory.VIOLENCE, 10, 12, 39));
        assertScore(expected("male", 40, "violence", 10, 35, 39), shortCareer);
        assertScore(expected("male", 40, "violence", 10, 12, 39), longCareer);
        assertTrue(shortCareer.oneYear() > longCareer.oneYear());
        Ogrs3.Score extreme = Ogrs3.compute(input(Gender.MALE, 100, OffenceCategory.SOLICITING, 200, 10, 100));
        assertScore(expected("male", 100, "soliciting", 200, 10, 100), extreme);
    }

    /**
     * The age-based input (what the analysis scores from the published ageAtReferral) gives exactly the score of the
     * date-of-birth input whose age on the assessment date it is: every band at both ends, both genders, birthdays
     * the day before, on and after the assessment date, and a leap-day birthday.
     */
    @ParameterizedTest
    @MethodSource("everyAgeBandAndGender")
    void theAgeInputScoresExactlyAsTheDateOfBirthInput(Gender gender, int age) {
        for (LocalDate dob : List.of(ASSESSED.minusYears(age), ASSESSED.minusYears(age).minusDays(1),
                ASSESSED.minusYears(age + 1).plusDays(1))) {
            Ogrs3.Score byDate = Ogrs3.compute(new Ogrs3.Input(gender, dob, ASSESSED, OffenceCategory.ROBBERY, 3, 10,
                    Math.min(age, 100)));
            Ogrs3.Score byAge = Ogrs3.computeAtAge(new Ogrs3.AgeInput(gender, AgeBand.ageOn(dob, ASSESSED),
                    OffenceCategory.ROBBERY, 3, 10, Math.min(age, 100)));
            assertEquals(byDate, byAge, dob.toString());
            assertEquals(age, byAge.ageAtAssessment());
        }
        LocalDate leap = LocalDate.of(2000, 2, 29);
        for (LocalDate on : List.of(LocalDate.of(2021, 2, 28), LocalDate.of(2021, 3, 1))) {
            assertEquals(Ogrs3.compute(new Ogrs3.Input(gender, leap, on, OffenceCategory.OTHER, 1, 18, 20)),
                    Ogrs3.computeAtAge(new Ogrs3.AgeInput(gender, AgeBand.ageOn(leap, on), OffenceCategory.OTHER, 1, 18, 20)));
        }
    }

    @Test
    void theAgeInputRejectsAnAgeBelowTheModelNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ogrs3.computeAtAge(
                new Ogrs3.AgeInput(Gender.MALE, 9, OffenceCategory.VIOLENCE, 1, 10, 10)));
        assertTrue(e.getMessage().contains("ageAtAssessment"), e.getMessage());
    }

    @Test
    void rejectsBadInputNamingTheField() {
        Gender m = Gender.MALE;
        OffenceCategory v = OffenceCategory.VIOLENCE;
        LocalDate dob = LocalDate.of(1990, 1, 1);
        Object[][] cases = {
            {new Ogrs3.Input(null, dob, ASSESSED, v, 2, 15, 20), "gender"},
            {new Ogrs3.Input(m, null, ASSESSED, v, 2, 15, 20), "dateOfBirth"},
            {new Ogrs3.Input(m, dob, null, v, 2, 15, 20), "assessmentDate"},
            {new Ogrs3.Input(m, dob, ASSESSED, null, 2, 15, 20), "offenceCategory"},
            {new Ogrs3.Input(m, ASSESSED, ASSESSED, v, 2, 15, 20), "dateOfBirth"},
            {new Ogrs3.Input(m, ASSESSED.plusDays(1), ASSESSED, v, 2, 15, 20), "dateOfBirth"},
            {new Ogrs3.Input(m, ASSESSED.minusYears(10).plusDays(1), ASSESSED, v, 1, 10, 10), "dateOfBirth"},
            {new Ogrs3.Input(m, dob, ASSESSED, v, 0, 15, 20), "sanctions"},
            {new Ogrs3.Input(m, dob, ASSESSED, v, -3, 15, 20), "sanctions"},
            {new Ogrs3.Input(m, dob, ASSESSED, v, 201, 15, 20), "sanctions"},
            {new Ogrs3.Input(m, dob, ASSESSED, v, 2, 9, 20), "ageAtFirstSanction"},
            {new Ogrs3.Input(m, dob, ASSESSED, v, 2, 101, 101), "ageAtFirstSanction"},
            {new Ogrs3.Input(m, dob, ASSESSED, v, 2, 15, 9), "ageAtCurrentConviction"},
            {new Ogrs3.Input(m, dob, ASSESSED, v, 2, 15, 101), "ageAtCurrentConviction"},
            {new Ogrs3.Input(m, dob, ASSESSED, v, 2, 21, 20), "ageAtFirstSanction"},
        };
        for (Object[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Ogrs3.compute((Ogrs3.Input) c[0]), String.valueOf(c[0]));
            assertTrue(e.getMessage().contains((String) c[1]), c[1] + " not named in: " + e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Ogrs3.compute(null));
        assertThrows(IllegalArgumentException.class, () -> Ogrs3.AgeBand.of(9));
        // exactly 10 on the assessment date is accepted
        Ogrs3.Score ten = Ogrs3.compute(new Ogrs3.Input(m, ASSESSED.minusYears(10), ASSESSED, v, 1, 10, 10));
        assertSame(Ogrs3.AgeBand.AGE_10_11, ten.ageBand());
    }

    @Test
    void theDataFileHoldsExactlyTheDomainTablesAndTheCaveat() throws Exception {
        JsonNode file;
        try (InputStream in = Ogrs3Test.class.getClassLoader().getResourceAsStream(Ogrs3.RESOURCE)) {
            file = ContractSchemas.MAPPER.readTree(in);
        }
        assertEquals(A_ONE_YEAR, file.at("/intercept/oneYear").doubleValue(), 0);
        assertEquals(A_TWO_YEAR, file.at("/intercept/twoYear").doubleValue(), 0);
        assertEquals(FIRST_SANCTION, file.at("/status/firstSanction").doubleValue(), 0);
        assertEquals(REPEAT_SANCTION, file.at("/status/repeatSanction").doubleValue(), 0);
        assertEquals(COPY_RATE, file.at("/copyRate").doubleValue(), 0);
        List<String> bands = new ArrayList<>();
        file.get("ageGender").fieldNames().forEachRemaining(bands::add);
        assertEquals(List.of(BAND_LABEL), bands);
        for (int i = 0; i < BAND_LABEL.length; i++) {
            assertEquals(MALE[i], file.get("ageGender").get(BAND_LABEL[i]).get("male").doubleValue(), 0);
            assertEquals(FEMALE[i], file.get("ageGender").get(BAND_LABEL[i]).get("female").doubleValue(), 0);
        }
        List<String> offences = new ArrayList<>();
        file.get("offence").fieldNames().forEachRemaining(offences::add);
        assertEquals(OffenceCategory.wireNames(), offences);
        for (String o : offences) {
            assertEquals(OFFENCE.get(o), file.get("offence").get(o).doubleValue(), 0, o);
        }
        String note = file.get("note").asText();
        assertTrue(note.contains("drink-driving") && note.contains("other-motoring") && note.contains("female"), note);
        assertTrue(note.contains("50"), "the note documents the sanctions cap: " + note);
        assertEquals(note, Ogrs3.coefficients().note());
        assertEquals(CURRENT_VERSION, file.get("version").asText());
        assertEquals(SANCTIONS_CAP, file.get("sanctionsCap").intValue());
        assertTrue(file.get("versioning").asText().contains(Ogrs3.ARCHIVE_FOLDER.substring("contracts/".length())));
    }

    /**
     * Both public sources of the motoring pair are named, with the pair as each orders it, and the file follows the
     * one it says it follows (DOMAIN.md: as the later models order it).
     */
    @Test
    void theDataFileNamesBothSourcesOfTheMotoringPairAndFollowsOne() throws Exception {
        JsonNode file;
        try (InputStream in = Ogrs3Test.class.getClassLoader().getResourceAsStream(Ogrs3.RESOURCE)) {
            file = ContractSchemas.MAPPER.readTree(in);
        }
        JsonNode sources = file.get("sources");
        JsonNode pair = sources.get("motoringPair");
        assertEquals(Set.of("rsr-calculator", "actuarial-api"), Set.copyOf(iterableNames(pair)));
        assertTrue(pair.at("/rsr-calculator/name").asText().contains("RSR calculator"));
        assertTrue(pair.at("/actuarial-api/name").asText().contains("actuarial API"));
        String follows = sources.get("motoringPairFollows").asText();
        assertEquals("actuarial-api", follows);
        for (String cell : List.of("drink-driving", "other-motoring")) {
            assertEquals(OFFENCE.get(cell), pair.get(follows).get(cell).doubleValue(), 0, cell);
            assertEquals(file.at("/offence/" + cell).doubleValue(), pair.get(follows).get(cell).doubleValue(), 0, cell);
        }
        // the other source has the two terms swapped
        assertEquals(OFFENCE.get("drink-driving"), pair.at("/rsr-calculator/other-motoring").doubleValue(), 0);
        assertEquals(OFFENCE.get("other-motoring"), pair.at("/rsr-calculator/drink-driving").doubleValue(), 0);
        assertEquals("rsr-calculator", sources.get("sanctionsCapFollows").asText());
    }

    private static List<String> iterableNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theReferralSchemaExampleScores() {
        JsonNode data = EventCatalogue.schema(EventType.REFERRAL_RECEIVED).get("examples").get(0);
        JsonNode f = data.get("ogrs3Factors");
        Ogrs3.Score score = Ogrs3.compute(new Ogrs3.Input(Gender.fromWire(data.get("gender").asText()),
                LocalDate.parse(data.get("dateOfBirth").asText()), LocalDate.parse(data.get("referralDate").asText()),
                OffenceCategory.fromWire(data.get("offenceCategory").asText()), f.get("sanctions").asInt(),
                f.get("ageAtFirstSanction").asInt(), f.get("ageAtCurrentConviction").asInt()));
        assertScore(expected("male", 26, "burglary-domestic", 5, 15, 26), score);
        assertSame(Ogrs3.AgeBand.AGE_25_29, score.ageBand());
    }

    @Test
    void incompleteCoefficientsAreRefused() {
        String json = "{\"version\":\"ogrs3-2026-12-02\",\"sanctionsCap\":50,"
                + "\"intercept\":{\"oneYear\":1,\"twoYear\":2},\"status\":{\"firstSanction\":0,\"repeatSanction\":0},"
                + "\"copyRate\":1,\"ageGender\":{},\"offence\":{}}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ogrs3.Coefficients.read(new java.io.ByteArrayInputStream(json.getBytes())));
        assertTrue(e.getMessage().contains("ageGender"), e.getMessage());
        // a set without a version, with a malformed one, or without an explicit cap (null for none) is refused
        String[][] cases = {
            {json.replace("\"version\":\"ogrs3-2026-12-02\",", ""), "version"},
            {json.replace("ogrs3-2026-12-02", "v2"), "version"},
            {json.replace("\"sanctionsCap\":50,", ""), "sanctionsCap"},
            {json.replace("\"sanctionsCap\":50", "\"sanctionsCap\":\"50\""), "sanctionsCap"},
            {json.replace("\"sanctionsCap\":50", "\"sanctionsCap\":0"), "sanctionsCap"},
        };
        for (String[] c : cases) {
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> Ogrs3.Coefficients.read(new java.io.ByteArrayInputStream(c[0].getBytes())), c[0]);
            assertTrue(bad.getMessage().contains(c[1]), bad.getMessage());
        }
    }
}
