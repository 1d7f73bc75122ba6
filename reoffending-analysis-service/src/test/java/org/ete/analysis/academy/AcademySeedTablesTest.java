package org.ete.analysis.academy;

import org.ete.analysis.projection.AcademyRecord;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * DOMAIN.md "The seeds' own tables", AcademyRecord (July 2023) and recruitment rows: people equivalent to the 2023
 * evaluation's give its figures back, with disclosure control applied as DOMAIN.md says.
 */
class AcademySeedTablesTest {
    static final LocalDate AS_OF = LocalDate.parse("2023-07-31");
    static final LocalDate FROM = LocalDate.parse("2021-08-01");
    static final LocalDate MONDAY = LocalDate.parse("2022-01-03");

    static AcademyRecord hired(boolean lived, int n, LocalDate appointed, LocalDate started,
                               List<AcademyRecord.Promotion> promotions, LocalDate left,
                               List<AcademyRecord.Sickness> sickness) {
        String id = (lived ? "L" : "N") + n;
        return new AcademyRecord(null, null, null,
                List.of(new AcademyRecord.Application(id, "Peer Support Worker", "entry", lived,
                        lived ? "academy" : "public", appointed.minusDays(30))),
                List.of(new AcademyRecord.Hire(id, "Peer Support Worker", "entry", appointed, started, lived)),
                promotions, left, sickness);
    }

    static AcademyRecord applied(boolean lived, int n) {
        String id = (lived ? "LA" : "NA") + n;
        return new AcademyRecord(null, null, null, List.of(new AcademyRecord.Application(id, "Peer Support Worker",
                "entry", lived, lived ? "academy" : "public", LocalDate.parse("2022-06-01"))), List.of(), List.of(), null,
                List.of());
    }

    static AcademyProgression report(List<AcademyRecord> people, LocalDate from, LocalDate to) {
        return AcademyProgressionQuery.report(AcademyFigures.compute(people, from, to, AS_OF), from, to, AS_OF, 10);
    }

    @Test
    void mentorsAndEmployeesWithLivedExperienceByLevel() {
        List<AcademyRecord> people = new ArrayList<>();
        for (int i = 0; i < 150; i++) { // 107 graduated, 43 still in training
            LocalDate started = LocalDate.parse("2021-09-06").plusWeeks(i % 60);
            people.add(new AcademyRecord(started, i < 107 ? started.plusWeeks(13) : null, null, List.of(), List.of(),
                    List.of(), null, List.of()));
        }
        for (int i = 0; i < 56; i++) { // 48 entry, 7 intermediate (one promotion), 1 managerial (two promotions)
            List<AcademyRecord.Promotion> promotions = i < 48 ? List.of()
                    : i < 55 ? List.of(new AcademyRecord.Promotion("intermediate", LocalDate.parse("2023-01-09")))
                    : List.of(new AcademyRecord.Promotion("intermediate", LocalDate.parse("2022-09-05")),
                    new AcademyRecord.Promotion("managerial", LocalDate.parse("2023-03-06")));
            people.add(hired(true, i, MONDAY, MONDAY.plusWeeks(3), promotions, null, List.of()));
        }
        AcademyProgression p = report(people, null, null);
        assertEquals(List.of(new AcademyProgression.MentorRow("in-training", 43L, false),
                new AcademyProgression.MentorRow("graduated", 107L, false),
                new AcademyProgression.MentorRow("withdrew", null, true)), p.mentors().rows());
        // 7 and 1 are below the threshold: suppressed (two primaries need no secondary); the total stays.
        assertEquals(List.of(new AcademyProgression.LevelRow("entry", 48L, false),
                new AcademyProgression.LevelRow("intermediate", null, true),
                new AcademyProgression.LevelRow("managerial", null, true)), p.employeesWithLivedExperience().rows());
        assertEquals(56L, p.employeesWithLivedExperience().total().people());
        // 9 promotions of 8 people: fewer than 10 people, so neither the row nor the total is shown.
        assertEquals(new AcademyProgression.PromotionRow("yes", null, null, true), p.promotions().rows().get(0));
        assertEquals(new AcademyProgression.PromotionRow("total", null, null, true), p.promotions().total());
    }

    @Test
    void hiresPerApplicationAndWorkingDaysToStart() {
        List<AcademyRecord> people = new ArrayList<>();
        LocalDate appointed = LocalDate.parse("2022-07-04"); // a Monday
        for (int i = 0; i < 6; i++) { // 6 of 23: 26.09%; start 3 weeks on: 15 working days
            people.add(hired(true, i, appointed, appointed.plusWeeks(3), List.of(), null, List.of()));
        }
        for (int i = 0; i < 17; i++) {
            people.add(applied(true, i));
        }
        for (int i = 0; i < 8; i++) { // 8 of 119: 6.72%; 4 weeks: 20 working days
            people.add(hired(false, i, appointed, appointed.plusWeeks(4), List.of(), null, List.of()));
        }
        for (int i = 0; i < 111; i++) {
            people.add(applied(false, i));
        }
        AcademyProgression p = report(people, FROM, null);
        AcademyProgression.RecruitmentRow yes = p.recruitment().rows().get(0);
        AcademyProgression.RecruitmentRow no = p.recruitment().rows().get(1);
        assertEquals(new AcademyProgression.RecruitmentRow("yes", 23L, 23L, 6L, 6.0 / 23, false), yes);
        assertEquals(new AcademyProgression.RecruitmentRow("no", 119L, 119L, 8L, 8.0 / 119, false), no);
        assertEquals(0.2609, yes.hireRate(), 0.00005);
        assertEquals(0.0672, no.hireRate(), 0.00005);
        // 6 and 8 people hired: each group is below the threshold (two primaries, no secondary); the total of 14
        // is shown: the median of six 15s and eight 20s is 20.
        assertEquals(List.of(true, true), p.timeToStart().rows().stream()
                .map(AcademyProgression.TimeToStartRow::suppressed).toList());
        assertEquals(20.0, p.timeToStart().total().medianWorkingDaysToStart());
        // With the threshold at 0 the medians themselves: 15 against 20 working days.
        AcademyProgression open = AcademyProgressionQuery.report(AcademyFigures.compute(people, FROM, null, AS_OF),
                FROM, null, AS_OF, 0);
        assertEquals(15.0, open.timeToStart().rows().get(0).medianWorkingDaysToStart());
        assertEquals(20.0, open.timeToStart().rows().get(1).medianWorkingDaysToStart());
    }

    @Test
    void leaversAboutAThirdAsLikelyAndFewerSickDays() {
        List<AcademyRecord> people = new ArrayList<>();
        LocalDate start = LocalDate.parse("2022-01-04");
        LocalDate leaving = start.plusMonths(6); // 182 days employed in the period
        for (int i = 0; i < 20; i++) {
            // With lived experience 2 of 20 left within 12 months, without 6 of 20: a third as likely.
            people.add(hired(true, i, start.minusDays(21), start, List.of(), i < 2 ? leaving : null,
                    i < 2 ? List.of()
                            : List.of(new AcademyRecord.Sickness(LocalDate.parse("2022-05-02"), i < 16 ? 5 : 6))));
            people.add(hired(false, i, start.minusDays(28), start, List.of(), i < 6 ? leaving : null,
                    i < 6 ? List.of() : List.of(new AcademyRecord.Sickness(LocalDate.parse("2022-05-02"), 7))));
        }
        LocalDate to = LocalDate.parse("2023-01-03"); // a 365-day period
        AcademyProgression p = report(people, start, to);
        assertEquals(0.1, p.retention().rows().get(0).leftWithin12MonthsRate());
        assertEquals(0.3, p.retention().rows().get(1).leftWithin12MonthsRate());
        AcademyProgression.SicknessRow lived = p.sickness().rows().get(0);
        AcademyProgression.SicknessRow notLived = p.sickness().rows().get(1);
        assertEquals(14 * 5 + 4 * 6, lived.sicknessDays());
        assertEquals(14 * 7, notLived.sicknessDays());
        assertEquals((18 * 365 + 2 * 182) / 365.25, lived.employeeYears(), 1e-9);
        assertEquals((14 * 365 + 6 * 182) / 365.25, notLived.employeeYears(), 1e-9);
        // "14% fewer sick days" per employee-year.
        assertEquals(0.14, 1 - lived.sicknessDaysPerEmployeeYear() / notLived.sicknessDaysPerEmployeeYear(), 0.005);
    }
}
