package org.ete.analysis.ete.api;

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
import org.ete.analysis.breakdown.Dimension;
import org.ete.analysis.ete.EteOutputs;
import org.ete.analysis.ete.EteOutputsQuery;
import org.ete.analysis.http.CsvTable;
import org.ete.analysis.http.QueryParameters;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

@Path("/v1/ete/outputs")
@Tag(name = "ETE outputs", description = "Took up, found work and sustained work; courses completed; jobs started")
@RolesAllowed(Roles.ANALYST)
public class EteOutputsResource {
    /** The CSV's columns after the table name and the by dimensions (one table, the three parts in turn). */
    static final List<String> CSV_FIGURES = List.of("qualification", "sector", "tookUp", "foundWork", "foundWorkRate",
            "sustained", "sustainedRate", "completed", "achieved", "jobs", "people", "suppressed");

    private final EteOutputsQuery query;

    EteOutputsResource(EteOutputsQuery query) {
        this.query = query;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CsvTable.MEDIA_TYPE})
    @Operation(summary = "ETE outputs: took up, found work and sustained by group; courses completed by "
            + "qualification; jobs started by sector",
            description = "found work = took up and started a job on or after take-up; sustained = of those, a job "
                    + "sustained 13 weeks. Rates are fractions (foundWorkRate of tookUp, sustainedRate of foundWork). "
                    + "The window is on the take-up date for the outputs and their rows, the completion date for "
                    + "courses and the start date for jobs. A row or total of fewer than suppressionThreshold people "
                    + "(default 10) has null figures and suppressed: true, the top-level total included. "
                    + "Send Accept: text/csv for the same rows as one CSV table (column 'table': outputs, "
                    + "courses-completed or jobs-started; 'total' marks the total rows).")
    @APIResponse(responseCode = "200", description = "the outputs", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EteOutputs.class)),
            @Content(mediaType = CsvTable.MEDIA_TYPE)})
    @APIResponse(responseCode = "400", description = "a parameter is invalid (problem+json naming it)")
    public Response outputs(@Context HttpHeaders headers,
            @Parameter(description = "first date, inclusive; the first day of a month (YYYY-MM-01)")
            @QueryParam("from") String from,
            @Parameter(description = "last date, inclusive; the last day of a month") @QueryParam("to") String to,
            @Parameter(description = "a snapshot as of this date, the first day of a month (default: the first day of "
                    + "the current month): take-ups, job starts, sustainments and completions dated after it do not "
                    + "count yet") @QueryParam("asOf") String asOf,
            @Parameter(description = "zero or more of contract-area, region, team, office, setting, gender, age-band, "
                    + "ethnicity, disability, offence-category, index-quarter (the take-up quarter here); repeat or "
                    + "comma-separate") @QueryParam("by") List<String> by) {
        LocalDate fromDate = QueryParameters.from(from);
        LocalDate toDate = QueryParameters.to(to);
        QueryParameters.window(fromDate, toDate);
        List<Dimension> dimensions = QueryParameters.dimensions(by);
        EteOutputs outputs = query.outputs(fromDate, toDate, QueryParameters.asOf(asOf), dimensions);
        return CsvTable.wanted(headers) ? Response.ok(csv(outputs), CsvTable.MEDIA_TYPE).build()
                : Response.ok(outputs, MediaType.APPLICATION_JSON).build();
    }

    /**
     * One rectangular table: column {@code table} names the part, then the by dimensions, then the union of the
     * parts' figures (a part's cells for another part's figures are empty).
     */
    static CsvTable csv(EteOutputs o) {
        List<String> columns = new ArrayList<>();
        columns.add("table");
        columns.addAll(o.by());
        columns.addAll(CSV_FIGURES);
        // Trailing, so existing readers' columns keep their positions: what the file is a snapshot of.
        columns.addAll(List.of("from", "to", "asOf", "suppressionThreshold", "definitionsVersion"));
        List<Object> labels = Arrays.asList(text(o.from()), text(o.to()), text(o.asOf()), o.suppressionThreshold(),
                o.definitionsVersion());
        List<List<Object>> rows = new ArrayList<>();
        for (EteOutputs.Row r : o.rows()) {
            List<Object> group = o.by().stream().map(d -> (Object) r.group().get(d)).toList();
            rows.add(outputsRow(group, r.tookUp(), r.foundWork(), r.foundWorkRate(), r.sustained(),
                    r.sustainedRate(), r.suppressed()));
        }
        rows.add(outputsRow(Collections.nCopies(o.by().size(), "total"), o.tookUp(), o.foundWork(),
                o.foundWorkRate(), o.sustained(), o.sustainedRate(), o.suppressed()));
        List<EteOutputs.CourseRow> courses = new ArrayList<>(o.coursesCompleted().rows());
        courses.add(o.coursesCompleted().total());
        for (EteOutputs.CourseRow c : courses) {
            rows.add(row(o, "courses-completed", c.qualification(), null, null, null, null, null, null,
                    c.completed(), c.achieved(), null, c.people(), c.suppressed()));
        }
        List<EteOutputs.JobRow> jobs = new ArrayList<>(o.jobsStarted().rows());
        jobs.add(o.jobsStarted().total());
        for (EteOutputs.JobRow j : jobs) {
            rows.add(row(o, "jobs-started", null, j.sector(), null, null, null, null, null, null, null, j.jobs(),
                    j.people(), j.suppressed()));
        }
        rows.forEach(r -> r.addAll(labels));
        return new CsvTable(columns, rows);
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static List<Object> outputsRow(List<?> group, Long tookUp, Long foundWork,
                                           Double foundWorkRate, Long sustained, Double sustainedRate,
                                           boolean suppressed) {
        List<Object> out = new ArrayList<>();
        out.add("outputs");
        out.addAll(group);
        out.addAll(Arrays.asList(null, null, tookUp, foundWork, foundWorkRate, sustained, sustainedRate,
                null, null, null, null, suppressed));
        return out;
    }

    private static List<Object> row(EteOutputs o, String table, Object qualification, Object sector, Object tookUp,
                                    Object foundWork, Object foundWorkRate, Object sustained, Object sustainedRate,
                                    Object completed, Object achieved, Object jobs, Object people, boolean suppressed) {
        List<Object> out = new ArrayList<>();
        out.add(table);
        for (int i = 0; i < o.by().size(); i++) {
            out.add(null);
        }
        out.addAll(Arrays.asList(qualification, sector, tookUp, foundWork, foundWorkRate, sustained,
                sustainedRate, completed, achieved, jobs, people, suppressed));
        return out;
    }
}
