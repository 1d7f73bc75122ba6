package org.ete.analysis.academy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Shaping the figures into the answer: rates, medians and disclosure control per table. */
class AcademyProgressionQueryTest {

    @Test
    void theSeedsLevelsShowEntryAndTheTotalOnly() {
        // The 2023 evaluation: 56 employees with lived experience, 48 entry, 7 intermediate, 1 managerial.
        AcademyProgression.EmployeesWithLivedExperience t = AcademyProgressionQuery.levels(
                Map.of("entry", 48L, "intermediate", 7L, "managerial", 1L), 10);
        assertEquals(List.of(new AcademyProgression.LevelRow("entry", 48L, false),
                new AcademyProgression.LevelRow("intermediate", null, true),
                new AcademyProgression.LevelRow("managerial", null, true)), t.rows());
        assertEquals(new AcademyProgression.LevelRow("total", 56L, false), t.total());
    }

    @Test
    void oneSmallLevelHidesTheNextSmallestToo() {
        AcademyProgression.EmployeesWithLivedExperience t = AcademyProgressionQuery.levels(
                Map.of("entry", 48L, "intermediate", 12L, "managerial", 1L), 10);
        assertEquals(List.of(false, true, true),
                t.rows().stream().map(AcademyProgression.LevelRow::suppressed).toList());
        assertEquals(61L, t.total().people());
    }

    @Test
    void mentorRowsAreSuppressedOnTheirOwnWithoutATotal() {
        AcademyProgression.Mentors m = AcademyProgressionQuery.mentors(
                Map.of("in-training", 43L, "graduated", 107L, "withdrew", 4L), 10);
        assertEquals(List.of(new AcademyProgression.MentorRow("in-training", 43L, false),
                new AcademyProgression.MentorRow("graduated", 107L, false),
                new AcademyProgression.MentorRow("withdrew", null, true)), m.rows());
    }

    @Test
    void recruitmentRatesAndTheSecondaryOnTheOtherGroup() {
        AcademyProgression.Recruitment r = AcademyProgressionQuery.recruitment(Map.of(
                "yes", new AcademyFigures.Recruitment(40, 46, 12),
                "no", new AcademyFigures.Recruitment(100, 134, 9),
                "not-known", new AcademyFigures.Recruitment(3, 3, 0),
                "total", new AcademyFigures.Recruitment(143, 183, 21)), 10);
        assertEquals(List.of("yes", "no", "not-known"),
                r.rows().stream().map(AcademyProgression.RecruitmentRow::livedExperience).toList());
        assertEquals(new AcademyProgression.RecruitmentRow("yes", null, null, null, null, true), r.rows().get(0),
                "the next smallest after not-known");
        assertEquals(new AcademyProgression.RecruitmentRow("no", 100L, 134L, 9L, 9.0 / 134, false), r.rows().get(1));
        assertEquals(new AcademyProgression.RecruitmentRow("total", 143L, 183L, 21L, 21.0 / 183, false), r.total());
    }

    @Test
    void medianWorkingDaysRetentionSicknessAndPromotions() {
        AcademyProgression.TimeToStart t = AcademyProgressionQuery.timeToStart(Map.of(
                "yes", new AcademyFigures.TimeToStart(10, List.of(15L, 1L, 5L, 20L, 16L, 14L, 15L, 13L, 12L, 30L)),
                "total", new AcademyFigures.TimeToStart(10, List.of(15L, 1L, 5L, 20L, 16L, 14L, 15L, 13L, 12L, 30L))),
                10);
        assertEquals(new AcademyProgression.TimeToStartRow("yes", 10L, 10L, 14.5, false), t.rows().get(0));
        assertEquals(14.5, t.total().medianWorkingDaysToStart());

        AcademyProgression.Retention ret = AcademyProgressionQuery.retention(Map.of(
                "yes", new AcademyFigures.Retention(30, 3), "no", new AcademyFigures.Retention(20, 6),
                "total", new AcademyFigures.Retention(50, 9)), 10);
        assertEquals(0.1, ret.rows().get(0).leftWithin12MonthsRate());
        assertEquals(0.3, ret.rows().get(1).leftWithin12MonthsRate());
        assertEquals(0.18, ret.total().leftWithin12MonthsRate(), 1e-15);

        AcademyProgression.Sickness s = AcademyProgressionQuery.sickness(Map.of(
                "no", new AcademyFigures.Sickness(12, 73, 3652),
                "total", new AcademyFigures.Sickness(12, 73, 3652)), 10);
        assertEquals(3652 / 365.25, s.total().employeeYears(), 1e-12);
        assertEquals(73 / (3652 / 365.25), s.total().sicknessDaysPerEmployeeYear(), 1e-12);

        AcademyProgression.Promotions p = AcademyProgressionQuery.promotions(Map.of(
                "yes", new AcademyFigures.Promotions(8, 9), "total", new AcademyFigures.Promotions(8, 9)), 10);
        assertEquals(new AcademyProgression.PromotionRow("yes", null, null, true), p.rows().get(0));
        assertEquals(new AcademyProgression.PromotionRow("total", null, null, true), p.total());
    }

    @Test
    void nobodyIsASuppressedTotalAndNoRows() {
        AcademyProgression.Retention r = AcademyProgressionQuery.retention(Map.of(), 10);
        assertEquals(List.of(), r.rows());
        assertNull(r.total().people());
        assertEquals(true, r.total().suppressed());
    }
}
