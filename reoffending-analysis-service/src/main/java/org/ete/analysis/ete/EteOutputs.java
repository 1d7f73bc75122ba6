package org.ete.analysis.ete;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The answer of GET /v1/ete/outputs. The top-level {@code tookUp}, {@code foundWork}, {@code foundWorkRate},
 * {@code sustained} and {@code sustainedRate} are the total for everyone who took up the service in the window (the
 * fields partners already read); {@code rows} break it down by the {@code by} dimensions. Courses completed by
 * qualification and jobs started by sector are windowed on their own dates (see {@code definitions}).
 * A suppressed row or total (disclosure control) has every figure null and {@code suppressed: true}.
 * Rates are fractions, null when their denominator is zero. {@code asOf}: the snapshot date; a take-up, job start,
 * sustainment or course completion dated after it does not count yet.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"from", "to", "asOf", "by", "suppressionThreshold", "tookUp", "foundWork", "foundWorkRate", "sustained",
        "sustainedRate", "suppressed", "rows", "coursesCompleted", "jobsStarted", "definitions", "definitionsVersion"})
public record EteOutputs(LocalDate from, LocalDate to, List<String> by, int suppressionThreshold, Long tookUp,
                         Long foundWork, Double foundWorkRate, Long sustained, Double sustainedRate, boolean suppressed,
                         List<Row> rows, CoursesCompleted coursesCompleted, JobsStarted jobsStarted,
                         Map<String, String> definitions, LocalDate asOf, String definitionsVersion) {

    /** The same answer as of a date (the snapshot its figures were read at). */
    public EteOutputs withAsOf(LocalDate date) {
        return new EteOutputs(from, to, by, suppressionThreshold, tookUp, foundWork, foundWorkRate, sustained,
                sustainedRate, suppressed, rows, coursesCompleted, jobsStarted, definitions, date, definitionsVersion);
    }

    /** One group of the breakdown (the dimensions' values by wire name). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Row(Map<String, String> group, Long tookUp, Long foundWork, Double foundWorkRate, Long sustained,
                      Double sustainedRate, boolean suppressed) {

        static Row suppressed(Map<String, String> group) {
            return new Row(group, null, null, null, null, null, true);
        }
    }

    /** Fig. 1 of the 2021 evaluation: courses completed in the window by qualification, and their total. */
    public record CoursesCompleted(List<CourseRow> rows, CourseRow total) {
    }

    /**
     * {@code completed} counts courses (a person may complete several), {@code achieved} those of them with the
     * qualification achieved, {@code people} the distinct people who completed them (the size disclosure control
     * applies to).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CourseRow(String qualification, Long completed, Long achieved, Long people, boolean suppressed) {
    }

    /** Fig. 2 of the 2021 evaluation: jobs started in the window by sector, and their total. */
    public record JobsStarted(List<JobRow> rows, JobRow total) {
    }

    /** {@code jobs} counts job starts, {@code people} the distinct people who started them (the disclosure size). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record JobRow(String sector, Long jobs, Long people, boolean suppressed) {
    }
}
