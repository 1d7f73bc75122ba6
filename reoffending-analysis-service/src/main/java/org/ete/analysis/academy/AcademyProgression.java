package org.ete.analysis.academy;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The answer of GET /v1/academy/progression: one small table per figure, each with its rows and (except mentors) a
 * total row. Every row has {@code people}, the number of people it describes, which is the size disclosure control
 * applies to; a suppressed row has every figure null and {@code suppressed: true}. Rates are fractions, null when
 * their denominator is zero. {@code definitions} says which date the window applies to for each table.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AcademyProgression(LocalDate from, LocalDate to, LocalDate asOf, int suppressionThreshold,
                                 Mentors mentors, Recruitment recruitment, TimeToStart timeToStart,
                                 Retention retention, Promotions promotions, Sickness sickness,
                                 EmployeesWithLivedExperience employeesWithLivedExperience,
                                 Map<String, String> definitions) {

    /** Rows in-training (as of asOf), graduated and withdrew (in the window); no total (they do not add up). */
    public record Mentors(List<MentorRow> rows) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MentorRow(String status, Long people, boolean suppressed) {
    }

    public record Recruitment(List<RecruitmentRow> rows, RecruitmentRow total) {
    }

    /** people = distinct applicants; hireRate = hires / applications. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RecruitmentRow(String livedExperience, Long people, Long applications, Long hires, Double hireRate,
                                 boolean suppressed) {
    }

    public record TimeToStart(List<TimeToStartRow> rows, TimeToStartRow total) {
    }

    /** people = distinct people hired; hires = hires measured; the median is over hires. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TimeToStartRow(String livedExperience, Long people, Long hires, Double medianWorkingDaysToStart,
                                 boolean suppressed) {
    }

    public record Retention(List<RetentionRow> rows, RetentionRow total) {
    }

    /** people = employees followed for 12 months; leftWithin12MonthsRate = leftWithin12Months / people. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RetentionRow(String livedExperience, Long people, Long leftWithin12Months,
                               Double leftWithin12MonthsRate, boolean suppressed) {
    }

    public record Promotions(List<PromotionRow> rows, PromotionRow total) {
    }

    /** people = distinct people promoted; promotions = promotions. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PromotionRow(String livedExperience, Long people, Long promotions, boolean suppressed) {
    }

    public record Sickness(List<SicknessRow> rows, SicknessRow total) {
    }

    /** people = employees employed in the period; sicknessDaysPerEmployeeYear = sicknessDays / employeeYears. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SicknessRow(String livedExperience, Long people, Long sicknessDays, Double employeeYears,
                              Double sicknessDaysPerEmployeeYear, boolean suppressed) {
    }

    public record EmployeesWithLivedExperience(List<LevelRow> rows, LevelRow total) {
    }

    /** people = employees with lived experience at this level on asOf. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LevelRow(String level, Long people, boolean suppressed) {
    }
}
