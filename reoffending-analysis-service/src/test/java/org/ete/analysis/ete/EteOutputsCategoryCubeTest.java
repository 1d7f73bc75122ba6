package org.ete.analysis.ete;

import org.ete.analysis.projection.PersonState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EteOutputsCategoryCubeTest {
    static final LocalDate D = LocalDate.parse("2016-03-01");

    static PersonState.Course course(String id, String qualification, LocalDate completed, Boolean achieved) {
        return new PersonState.Course(id, qualification, completed == null ? D.minusDays(60) : completed.minusDays(5),
                completed, achieved, null);
    }

    static PersonState withCourses(String id, LocalDate takeUp, PersonState.Course... courses) {
        return new PersonState(id, null, takeUp, List.of(), List.of(), List.of(), List.of(courses), null);
    }

    static PersonState withJobs(String id, LocalDate takeUp, PersonState.Job... jobs) {
        return new PersonState(id, null, takeUp, List.of(), List.of(), List.of(jobs), List.of(), null);
    }

    static EteOutputsCategoryCube.Tally tally(long outputs, long achieved, long people) {
        return new EteOutputsCategoryCube.Tally(outputs, achieved, people);
    }

    @Test
    void coursesCompletedOnOrAfterTakeUpByQualification() {
        EteOutputsCategoryCube cube = new EteOutputsCategoryCube(EteOutputsCategoryCube::coursesCompleted);
        cube.add(withCourses("a", D.minusDays(10),
                course("1", "cscs", D, true),
                course("2", "cscs", D.plusDays(20), false),     // same person, same qualification: one person
                course("3", "nvq", D.plusDays(3), true),
                course("4", "nvq", null, null),                 // started, not completed
                course("5", "fork-lift", D.minusDays(11), true)), +1); // completed before take-up
        cube.add(withCourses("b", D.minusDays(1), course("1", "cscs", D.plusDays(1), true)), +1);
        cube.add(withCourses("c", null, course("1", "cscs", D.plusDays(1), true)), +1); // never took up

        EteOutputsCategoryCube.Result r = cube.query(D, D.plusDays(30));
        assertEquals(Map.of("cscs", tally(3, 2, 2), "nvq", tally(1, 1, 1)), r.categories());
        assertEquals(tally(4, 3, 2), r.total(), "two people across the categories");
        // A window that cuts a person's run of completions still counts them once.
        r = cube.query(D.plusDays(1), D.plusDays(30));
        assertEquals(Map.of("cscs", tally(2, 1, 2), "nvq", tally(1, 1, 1)), r.categories());
        assertEquals(tally(3, 2, 2), r.total());
        r = cube.query(D.plusDays(2), null);
        assertEquals(Map.of("cscs", tally(1, 0, 1), "nvq", tally(1, 1, 1)), r.categories());
        assertEquals(tally(2, 1, 1), r.total());
        r = cube.query(null, D);
        assertEquals(Map.of("cscs", tally(1, 1, 1)), r.categories());
        assertEquals(tally(1, 1, 1), r.total());
        assertEquals(new EteOutputsCategoryCube.Result(Map.of(), tally(0, 0, 0)), cube.query(D.plusYears(1), null));
    }

    @Test
    void jobsStartedOnOrAfterTakeUpBySectorSameDayRepeatsAreOnePerson() {
        EteOutputsCategoryCube cube = new EteOutputsCategoryCube(EteOutputsCategoryCube::jobsStarted);
        cube.add(withJobs("a", D,
                new PersonState.Job("1", "warehousing", D.plusDays(2), null, null),
                new PersonState.Job("2", "warehousing", D.plusDays(2), null, null),
                new PersonState.Job("3", "retail", D.minusDays(2), null, null)), +1);
        EteOutputsCategoryCube.Result r = cube.query(D, D.plusDays(2));
        assertEquals(Map.of("warehousing", tally(2, 0, 1)), r.categories());
        assertEquals(tally(2, 0, 1), r.total());
    }

    @Test
    void removingAPersonTakesOutExactlyWhatAddingPutIn() {
        EteOutputsCategoryCube cube = new EteOutputsCategoryCube(EteOutputsCategoryCube::coursesCompleted);
        PersonState before = withCourses("a", D, course("1", "cscs", D.plusDays(1), true));
        PersonState after = withCourses("a", D, course("1", "cscs", D.plusDays(1), true),
                course("2", "nvq", D.plusDays(1), false));
        cube.add(before, +1);
        cube.add(before, -1);
        cube.add(after, +1);
        assertEquals(tally(2, 1, 1), cube.query(null, null).total());
        cube.add(after, -1);
        assertEquals(0, cube.cellCount());
    }

    /** Against a direct count of outputs and distinct people over random people, changes and windows. */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15})
    void agreesWithADirectCount(long seed) {
        Random random = new Random(seed);
        List<String> qualifications = List.of("cscs", "nvq", "vocational");
        EteOutputsCategoryCube cube = new EteOutputsCategoryCube(EteOutputsCategoryCube::coursesCompleted);
        Map<String, PersonState> people = new HashMap<>();
        for (int step = 0; step < 300; step++) {
            String id = "p" + random.nextInt(80);
            List<PersonState.Course> courses = new ArrayList<>();
            for (int c = random.nextInt(5); c > 0; c--) {
                LocalDate done = random.nextInt(6) == 0 ? null : D.plusDays(random.nextInt(60));
                courses.add(course("c" + c, qualifications.get(random.nextInt(3)), done, random.nextBoolean()));
            }
            LocalDate takeUp = random.nextInt(5) == 0 ? null : D.plusDays(random.nextInt(40) - 20);
            PersonState next = new PersonState(id, null, takeUp, List.of(), List.of(), List.of(), courses, null);
            cube.add(people.get(id), -1);
            cube.add(next, +1);
            people.put(id, next);
        }
        for (int q = 0; q < 60; q++) {
            LocalDate from = random.nextInt(5) == 0 ? null : D.plusDays(random.nextInt(60));
            LocalDate to = random.nextInt(5) == 0 ? null : D.plusDays(random.nextInt(60));
            Map<String, long[]> expected = new HashMap<>();
            Map<String, Set<String>> who = new HashMap<>();
            long total = 0, totalAchieved = 0;
            Set<String> everyone = new HashSet<>();
            for (PersonState p : people.values()) {
                for (PersonState.Course c : p.courses()) {
                    LocalDate d = c.completedOn();
                    if (p.tookUpOn() == null || d == null || d.isBefore(p.tookUpOn())
                            || (from != null && d.isBefore(from)) || (to != null && d.isAfter(to))) {
                        continue;
                    }
                    long[] e = expected.computeIfAbsent(c.qualification(), k -> new long[2]);
                    e[0]++;
                    e[1] += c.achieved() ? 1 : 0;
                    who.computeIfAbsent(c.qualification(), k -> new HashSet<>()).add(p.personId());
                    total++;
                    totalAchieved += c.achieved() ? 1 : 0;
                    everyone.add(p.personId());
                }
            }
            Map<String, EteOutputsCategoryCube.Tally> categories = new HashMap<>();
            expected.forEach((k, e) -> categories.put(k, tally(e[0], e[1], who.get(k).size())));
            EteOutputsCategoryCube.Result r = cube.query(from, to);
            assertEquals(categories, r.categories(), "window " + from + ".." + to);
            assertEquals(tally(total, totalAchieved, everyone.size()), r.total(), "window " + from + ".." + to);
        }
    }
}
