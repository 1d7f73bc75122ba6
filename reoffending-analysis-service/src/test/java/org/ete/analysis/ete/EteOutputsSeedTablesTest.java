package org.ete.analysis.ete;

import org.ete.analysis.projection.PersonState;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * DOMAIN.md "The seeds' own tables": people equivalent to the 2021 evaluation's give its figures back through the
 * aggregates and the answer's assembly.
 */
class EteOutputsSeedTablesTest {
    static final LocalDate APRIL_2018 = LocalDate.parse("2018-04-01");

    @Test
    void tookUpFoundWorkAndSustainedApril2018ToMarch2021() {
        EteOutputsCube cube = new EteOutputsCube(List.of());
        for (int i = 0; i < 13_923; i++) {
            LocalDate takeUp = APRIL_2018.plusDays(i % 1_000); // within April 2018 - December 2020
            List<PersonState.Job> jobs = new ArrayList<>();
            if (i < 3_263) {
                LocalDate start = takeUp.plusDays(30);
                jobs.add(new PersonState.Job("J", "warehousing", start, i < 2_048 ? start.plusDays(91) : null, null));
            }
            cube.add(new PersonState("p" + i, null, takeUp, List.of(), List.of(), jobs, List.of(), null), +1);
        }
        EteOutputs o = EteOutputsQuery.report(new EteOutputsAggregates.Snapshot(
                        cube.query(APRIL_2018, LocalDate.parse("2021-03-31")), EteOutputsQueryTest.NONE,
                        EteOutputsQueryTest.NONE), APRIL_2018, LocalDate.parse("2021-03-31"), List.of(), 10);
        assertEquals(13_923L, o.tookUp());
        assertEquals(3_263L, o.foundWork());
        assertEquals(0.234, o.foundWorkRate(), 0.0005);
        assertEquals(2_048L, o.sustained());
        assertEquals(0.628, o.sustainedRate(), 0.0005);
    }

    @Test
    void figures1And2CoursesByQualificationAndJobsBySector2016To2021() {
        Map<String, Integer> fig1 = new LinkedHashMap<>();
        fig1.put("cscs", 1_039);
        fig1.put("vocational", 969);
        fig1.put("nvq", 443);
        fig1.put("fork-lift", 402);
        fig1.put("health-and-safety", 279);
        fig1.put("personal-track-safety", 277);
        fig1.put("other", 6_150 - 1_039 - 969 - 443 - 402 - 279 - 277);
        Map<String, Integer> fig2 = new LinkedHashMap<>();
        fig2.put("warehousing", 1_253);
        fig2.put("construction", 1_013);
        fig2.put("retail", 298);
        fig2.put("production", 290);
        fig2.put("driving", 266);
        fig2.put("hospitality", 181);
        fig2.put("manufacturing", 178);
        fig2.put("cleaning", 175);
        fig2.put("other", 4_919 - 1_253 - 1_013 - 298 - 290 - 266 - 181 - 178 - 175);

        LocalDate from = LocalDate.parse("2016-04-01");
        LocalDate to = LocalDate.parse("2021-03-31");
        EteOutputsCategoryCube courses = new EteOutputsCategoryCube(EteOutputsCategoryCube::coursesCompleted);
        EteOutputsCategoryCube jobs = new EteOutputsCategoryCube(EteOutputsCategoryCube::jobsStarted);
        int n = 0;
        for (Map.Entry<String, Integer> e : fig1.entrySet()) {
            for (int i = 0; i < e.getValue(); i++, n++) {
                LocalDate done = from.plusDays(n % 1_800);
                courses.add(new PersonState("c" + n, null, from, List.of(), List.of(), List.of(), List.of(
                        new PersonState.Course("C", e.getKey(), done.minusDays(5), done, true, null)), null), +1);
            }
        }
        for (Map.Entry<String, Integer> e : fig2.entrySet()) {
            for (int i = 0; i < e.getValue(); i++, n++) {
                LocalDate start = from.plusDays(n % 1_800);
                jobs.add(new PersonState("j" + n, null, from, List.of(), List.of(), List.of(
                        new PersonState.Job("J", e.getKey(), start, null, null)), List.of(), null), +1);
            }
        }
        EteOutputs o = EteOutputsQuery.report(new EteOutputsAggregates.Snapshot(Map.of(),
                courses.query(from, to), jobs.query(from, to)), from, to, List.of(), 10);
        Map<String, Long> gotCourses = new LinkedHashMap<>();
        o.coursesCompleted().rows().forEach(r -> gotCourses.put(r.qualification(), r.completed()));
        Map<String, Long> expectedCourses = new LinkedHashMap<>();
        fig1.forEach((k, v) -> expectedCourses.put(k, (long) v));
        assertEquals(expectedCourses, gotCourses);
        assertEquals(6_150L, o.coursesCompleted().total().completed());
        Map<String, Long> gotJobs = new LinkedHashMap<>();
        o.jobsStarted().rows().forEach(r -> gotJobs.put(r.sector(), r.jobs()));
        Map<String, Long> expectedJobs = new LinkedHashMap<>();
        fig2.forEach((k, v) -> expectedJobs.put(k, (long) v));
        assertEquals(expectedJobs, gotJobs);
        assertEquals(4_919L, o.jobsStarted().total().jobs());
        assertEquals(4_919L, o.jobsStarted().total().people());
    }
}
