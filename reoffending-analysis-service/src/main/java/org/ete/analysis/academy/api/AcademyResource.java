package org.ete.analysis.academy.api;

import jakarta.annotation.security.RolesAllowed;
import org.ete.tokens.Roles;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ete.analysis.academy.AcademyProgression;
import org.ete.analysis.academy.AcademyProgressionQuery;
import org.ete.analysis.http.CsvTable;
import org.ete.analysis.http.QueryParameters;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

@Path("/v1/academy")
@Tag(name = "Academy", description = "Peer mentors and the employment of people with lived experience")
@RolesAllowed(Roles.ANALYST)
public class AcademyResource {
    static final List<String> CSV_COLUMNS = List.of("table", "group", "people", "applications", "hires", "hireRate",
            "medianWorkingDaysToStart", "leftWithin12Months", "leftWithin12MonthsRate", "promotions", "sicknessDays",
            "employeeYears", "sicknessDaysPerEmployeeYear", "suppressed");

    private final AcademyProgressionQuery query;

    AcademyResource(AcademyProgressionQuery query) {
        this.query = query;
    }

    @GET
    @Path("/progression")
    @Produces({MediaType.APPLICATION_JSON, CsvTable.MEDIA_TYPE})
    @Operation(summary = "Academy progression: mentors, recruitment, time to start, retention, promotions, sickness "
            + "and employees with lived experience by level",
            description = "Flows (graduated, withdrew, applications, hires, starts, leavers, promotions, sickness) "
                    + "count events dated in [from, to] cut at asOf; which date each table is windowed on is in "
                    + "definitions. Stocks (mentors in training, employees by level) are as of asOf. Breakdowns are "
                    + "by lived experience (yes, no, not-known). A row of fewer than suppressionThreshold people "
                    + "(default 10) has null figures and suppressed: true. Send Accept: text/csv for the same rows "
                    + "as one CSV table (column 'table' names the table, 'group' the row).")
    @APIResponse(responseCode = "200", description = "the progression figures", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AcademyProgression.class)),
            @Content(mediaType = CsvTable.MEDIA_TYPE)})
    @APIResponse(responseCode = "400", description = "a parameter is invalid (problem+json naming it)")
    public Response progression(@Context HttpHeaders headers,
            @Parameter(description = "first date of the window, inclusive; the first day of a month (YYYY-MM-01)")
            @QueryParam("from") String from,
            @Parameter(description = "last date of the window, inclusive; the last day of a month")
            @QueryParam("to") String to,
            @Parameter(description = "the date the figures are as of, the first day of a month (default: "
                    + "the first day of the current month)")
            @QueryParam("asOf") String asOf) {
        LocalDate fromDate = QueryParameters.from(from);
        LocalDate toDate = QueryParameters.to(to);
        QueryParameters.window(fromDate, toDate);
        LocalDate asOfDate = QueryParameters.asOf(asOf);
        AcademyProgression p = query.progression(fromDate, toDate, asOfDate);
        return CsvTable.wanted(headers) ? Response.ok(csv(p), CsvTable.MEDIA_TYPE).build()
                : Response.ok(p, MediaType.APPLICATION_JSON).build();
    }

    /** One rectangular table over all parts; a part's cells for another part's figures are empty. */
    static CsvTable csv(AcademyProgression p) {
        List<List<Object>> rows = new ArrayList<>();
        for (AcademyProgression.MentorRow r : p.mentors().rows()) {
            rows.add(row("mentors", r.status(), r.people(), null, null, null, null, null, null, null, null, null, null,
                    r.suppressed()));
        }
        for (AcademyProgression.RecruitmentRow r : withTotal(p.recruitment().rows(), p.recruitment().total())) {
            rows.add(row("recruitment", r.livedExperience(), r.people(), r.applications(), r.hires(), r.hireRate(),
                    null, null, null, null, null, null, null, r.suppressed()));
        }
        for (AcademyProgression.TimeToStartRow r : withTotal(p.timeToStart().rows(), p.timeToStart().total())) {
            rows.add(row("time-to-start", r.livedExperience(), r.people(), null, r.hires(), null,
                    r.medianWorkingDaysToStart(), null, null, null, null, null, null, r.suppressed()));
        }
        for (AcademyProgression.RetentionRow r : withTotal(p.retention().rows(), p.retention().total())) {
            rows.add(row("retention", r.livedExperience(), r.people(), null, null, null, null,
                    r.leftWithin12Months(), r.leftWithin12MonthsRate(), null, null, null, null, r.suppressed()));
        }
        for (AcademyProgression.PromotionRow r : withTotal(p.promotions().rows(), p.promotions().total())) {
            rows.add(row("promotions", r.livedExperience(), r.people(), null, null, null, null, null, null,
                    r.promotions(), null, null, null, r.suppressed()));
        }
        for (AcademyProgression.SicknessRow r : withTotal(p.sickness().rows(), p.sickness().total())) {
            rows.add(row("sickness", r.livedExperience(), r.people(), null, null, null, null, null, null, null,
                    r.sicknessDays(), r.employeeYears(), r.sicknessDaysPerEmployeeYear(), r.suppressed()));
        }
        for (AcademyProgression.LevelRow r : withTotal(p.employeesWithLivedExperience().rows(),
                p.employeesWithLivedExperience().total())) {
            rows.add(row("employees-with-lived-experience", r.level(), r.people(), null, null, null, null, null, null,
                    null, null, null, null, r.suppressed()));
        }
        return new CsvTable(CSV_COLUMNS, rows);
    }

    private static <R> List<R> withTotal(List<R> rows, R total) {
        List<R> out = new ArrayList<>(rows);
        out.add(total);
        return out;
    }

    private static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }
}
