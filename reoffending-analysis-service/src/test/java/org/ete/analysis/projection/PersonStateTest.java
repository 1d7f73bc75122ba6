package org.ete.analysis.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonStateTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Fact fact(String key, String type, String date, String... kv) {
        ObjectNode data = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            data.put(kv[i], kv[i + 1]);
        }
        return new Fact(key, type, LocalDate.parse(date), Instant.EPOCH, data);
    }

    static List<Fact> history() {
        return List.of(
                fact("a", "ete.referral.received.v1", "2019-01-10"),
                fact("b", "ete.referral.service-taken-up.v1", "2019-02-01"),
                fact("c", "ete.employment.job-started.v1", "2019-01-15", "jobId", "early", "sector", "retail"),
                fact("d", "ete.employment.job-started.v1", "2019-03-01", "jobId", "J1", "sector", "construction"),
                fact("e", "ete.employment.job-sustained.v1", "2019-06-01", "jobId", "J1"),
                fact("f", "ete.referral.service-taken-up.v1", "2019-04-01"));
    }

    @Test
    void derivesTakeUpJobsAndSustainment() {
        PersonState s = PersonState.derive("p", history());
        assertEquals(LocalDate.parse("2019-02-01"), s.tookUpOn(), "earliest take-up");
        assertEquals(LocalDate.parse("2019-01-10"), s.referral().referralDate());
        assertEquals(1, s.jobsSinceTakeUp().size(), "a job before take-up is not an ETE output");
        assertTrue(s.foundWork());
        assertTrue(s.sustainedWork());
    }

    /**
     * The age band is the one of the age at referral (ADR 0009), whether the referral came with the published age or,
     * published before, with the date of birth: a birthday between referral and take-up does not move it, and the
     * state holds no date of birth.
     */
    @Test
    void theAgeBandIsTheAgeOnTheReferralDateAndNoDateOfBirthIsKept() {
        List<Fact> legacy = List.of(fact("a", "ete.referral.received.v1", "2019-01-10", "referralDate", "2019-01-10",
                        "dateOfBirth", "1989-02-01", "ogrs3OneYearPercent", "30"),
                fact("b", "ete.referral.service-taken-up.v1", "2019-03-01"));
        PersonState s = PersonState.derive("p", legacy);
        assertEquals(29, s.referral().ageAtReferral());
        assertEquals("25-29", s.referral().ageBand(), "29 on the referral date, 30 at take-up");
        assertEquals("25-29", org.ete.analysis.breakdown.Dimension.AGE_BAND.valueOf(s, s.tookUpOn()));
        assertFalse(s.toString().contains("1989"), s.toString());

        ObjectNode published = JSON.createObjectNode().put("referralDate", "2019-01-10").put("ageAtReferral", 29)
                .put("ageBand", "25-29").put("ogrs3OneYearPercent", 30);
        PersonState t = PersonState.derive("p", List.of(new Fact("a", "ete.referral.received.v1",
                LocalDate.parse("2019-01-10"), Instant.EPOCH, published), legacy.get(1)));
        assertEquals(s, t);
    }

    @Test
    void sustainedWithoutItsStartIsNotCounted() {
        PersonState s = PersonState.derive("p", List.of(
                fact("b", "ete.referral.service-taken-up.v1", "2019-02-01"),
                fact("e", "ete.employment.job-sustained.v1", "2019-06-01", "jobId", "J1")));
        assertFalse(s.foundWork());
        assertFalse(s.sustainedWork());
    }

    @ParameterizedTest(name = "[{index}] seed {0}, repeats {1}")
    @MethodSource("seedsAndRepeats")
    void anyOrderGivesTheSameState(long seed, List<Integer> repeats) {
        List<Fact> shuffled = new ArrayList<>(history());
        repeats.forEach(i -> shuffled.add(history().get(i)));
        Collections.shuffle(shuffled, new Random(seed));
        // The store drops a repeat by its key before deriving; mirror that here.
        List<Fact> distinct = shuffled.stream().distinct().toList();
        assertEquals(PersonState.derive("p", history()), PersonState.derive("p", distinct));
    }

    /**
     * Any shuffle seed, and 0..4 repeats of facts from the history (indexes 0..5): edge cases, then 200 seeded
     * random cases.
     */
    static Stream<Arguments> seedsAndRepeats() {
        List<Arguments> cases = new ArrayList<>();
        List<List<Integer>> edgeRepeats = List.of(
                List.of(), List.of(0), List.of(5), List.of(0, 0, 0, 0), List.of(5, 5, 5, 5),
                List.of(0, 1, 2, 3), List.of(2, 3, 4, 5), List.of(4, 4));
        for (long seed : new long[] {0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE}) {
            for (List<Integer> repeats : edgeRepeats) {
                cases.add(Arguments.of(seed, repeats));
            }
        }
        Random random = new Random(0x5045_5253_4F4EL);
        for (int c = 0; c < 200; c++) {
            int count = random.nextInt(0, 5);
            List<Integer> repeats = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                repeats.add(random.nextInt(0, 6));
            }
            cases.add(Arguments.of(random.nextLong(), repeats));
        }
        return cases.stream();
    }
}
