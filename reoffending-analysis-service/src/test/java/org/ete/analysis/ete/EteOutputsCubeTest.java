package org.ete.analysis.ete;

import org.ete.analysis.breakdown.Dimension;
import org.ete.analysis.projection.PersonState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EteOutputsCubeTest {
    static final LocalDate D = LocalDate.parse("2016-01-01");

    static PersonState.Referral referral(String team, String gender) {
        return new PersonState.Referral(D.minusDays(30), "community", "DLNR", "EM", team, "O", gender,
                25, "25-29", "white", "no", "violence", 0.3);
    }

    static PersonState person(String id, PersonState.Referral referral, LocalDate takeUp, PersonState.Job... jobs) {
        return new PersonState(id, referral, takeUp, List.of(), List.of(), List.of(jobs), List.of(), null);
    }

    static PersonState.Job job(String id, LocalDate start, LocalDate sustained) {
        return new PersonState.Job(id, "retail", start, sustained, null);
    }

    static EteOutputsCube.Counts counts(long tookUp, long found, long sustained) {
        return new EteOutputsCube.Counts(tookUp, found, sustained);
    }

    @Test
    void countsTookUpFoundAndSustainedInTheTakeUpWindow() {
        EteOutputsCube cube = new EteOutputsCube(List.of());
        cube.add(person("a", referral("N", "male"), D, job("j", D.plusDays(5), D.plusDays(100))), +1);
        cube.add(person("b", referral("N", "male"), D.plusDays(3), job("j", D.plusDays(10), null)), +1);
        cube.add(person("c", null, D.plusDays(4)), +1);
        // a job before take-up is not an ETE output
        cube.add(person("d", referral("S", "female"), D.plusDays(6), job("j", D.minusDays(1), D.plusDays(95))), +1);
        cube.add(person("e", referral("S", "female"), D.plusDays(40)), +1); // outside the window
        cube.add(person("f", referral("S", "female"), null, job("j", D, null)), +1); // never took up

        Map<List<String>, EteOutputsCube.Counts> r = cube.query(D, D.plusDays(30));
        assertEquals(Map.of(List.of(), counts(4, 2, 1)), r);
        assertEquals(Map.of(List.of(), counts(5, 2, 1)), cube.query(null, null));
        assertEquals(Map.of(List.of(), counts(3, 1, 0)), cube.query(D.plusDays(1), D.plusDays(6)));
        assertEquals(Map.of(), cube.query(D.plusDays(50), null));
    }

    @Test
    void groupsByDimensionsWithNotKnownForAMissingReferral() {
        EteOutputsCube cube = new EteOutputsCube(List.of(Dimension.TEAM, Dimension.INDEX_QUARTER));
        cube.add(person("a", referral("N", "male"), D), +1);
        cube.add(person("b", referral("N", "male"), LocalDate.parse("2016-04-02")), +1);
        cube.add(person("c", null, D, job("j", D, null)), +1);
        Map<List<String>, EteOutputsCube.Counts> r = cube.query(null, null);
        assertEquals(Map.of(List.of("N", "2016-Q1"), counts(1, 0, 0), List.of("N", "2016-Q2"), counts(1, 0, 0),
                List.of(EteOutputsCube.NOT_KNOWN, "2016-Q1"), counts(1, 1, 0)), r);
    }

    @Test
    void aChangeReplacesThePersonAndRemovingEveryoneEmptiesTheCube() {
        EteOutputsCube cube = new EteOutputsCube(List.of(Dimension.TEAM));
        PersonState before = person("a", null, D);
        PersonState after = person("a", referral("N", "male"), D, job("j", D.plusDays(1), D.plusDays(93)));
        cube.add(before, +1);
        cube.add(before, -1);
        cube.add(after, +1);
        assertEquals(Map.of(List.of("N"), counts(1, 1, 1)), cube.query(null, null));
        cube.add(after, -1);
        assertEquals(0, cube.cellCount());
        assertEquals(Map.of(), cube.query(null, null));
    }

    /** The cube against a direct count over the same random people, for random windows and changes. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void agreesWithADirectCount(long seed) {
        Random random = new Random(seed);
        EteOutputsCube cube = new EteOutputsCube(List.of(Dimension.GENDER));
        Map<String, PersonState> people = new HashMap<>();
        for (int step = 0; step < 400; step++) {
            String id = "p" + random.nextInt(120);
            PersonState next = randomPerson(random, id);
            cube.add(people.get(id), -1);
            cube.add(next, +1);
            people.put(id, next);
        }
        for (int q = 0; q < 50; q++) {
            LocalDate from = random.nextInt(5) == 0 ? null : D.plusDays(random.nextInt(200));
            LocalDate to = random.nextInt(5) == 0 ? null : D.plusDays(random.nextInt(200));
            Map<List<String>, EteOutputsCube.Counts> expected = new HashMap<>();
            for (PersonState p : people.values()) {
                LocalDate t = p.tookUpOn();
                if (t == null || (from != null && t.isBefore(from)) || (to != null && t.isAfter(to))) {
                    continue;
                }
                String g = p.referral() == null ? EteOutputsCube.NOT_KNOWN : p.referral().gender();
                boolean found = p.jobs().stream().anyMatch(j -> !j.startedOn().isBefore(t));
                boolean sustained = p.jobs().stream()
                        .anyMatch(j -> !j.startedOn().isBefore(t) && j.sustainedOn() != null);
                expected.computeIfAbsent(List.of(g), k -> new EteOutputsCube.Counts())
                        .add(counts(1, found ? 1 : 0, sustained ? 1 : 0));
            }
            assertEquals(expected, cube.query(from, to), "window " + from + ".." + to);
        }
        people.values().forEach(p -> cube.add(p, -1));
        assertEquals(0, cube.cellCount());
    }

    static PersonState randomPerson(Random random, String id) {
        LocalDate takeUp = random.nextInt(6) == 0 ? null : D.plusDays(random.nextInt(200));
        PersonState.Referral referral = random.nextInt(5) == 0 ? null
                : referral("T", random.nextBoolean() ? "male" : "female");
        List<PersonState.Job> jobs = new ArrayList<>();
        for (int j = random.nextInt(3); j > 0; j--) {
            LocalDate start = D.plusDays(random.nextInt(260) - 30);
            jobs.add(job("j" + j, start, random.nextBoolean() ? start.plusDays(91) : null));
        }
        return new PersonState(id, referral, takeUp, List.of(), List.of(), jobs, List.of(), null);
    }

    @Test
    void ageBandWithoutAnAgeIsNotKnown() {
        PersonState.Referral noDob = new PersonState.Referral(D, "community", "DLNR", "EM", "T", "O", "male", null,
                null, "white", "no", "violence", 0.3);
        assertEquals(EteOutputsCube.NOT_KNOWN,
                EteOutputsCube.valueOf(Dimension.AGE_BAND, person("a", noDob, D), D));
        assertTrue(EteOutputsCube.valueOf(Dimension.AGE_BAND, person("a", referral("T", "male"), D), D)
                .equals("25-29"));
    }
}
