package org.ete.analysis.reoffending.api;

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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ete.analysis.http.CsvTable;
import org.ete.analysis.http.QueryParameters;
import org.ete.analysis.reoffending.ReoffendingQuery;
import org.ete.analysis.reoffending.ReoffendingReport;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

@Path("/v1/reoffending")
@Tag(name = "Reoffending", description = "Actual against OGRS3-predicted one-year reconviction")
@RolesAllowed(Roles.ANALYST)
public class ReoffendingResource {
    private final ReoffendingQuery query;

    ReoffendingResource(ReoffendingQuery query) {
        this.query = query;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CsvTable.MEDIA_TYPE})
    @Operation(summary = "One-year reoffending, actual against OGRS3-predicted, by cohort and breakdown",
            description = "Rows per group of the by dimensions plus a total; rates are fractions. Reconvictions "
                    + "are a proxy from the case management system and miss cautions, so actual rates read "
                    + "slightly low. Send Accept: text/csv for the same rows as CSV.")
    public Response get(@Context HttpHeaders headers,
            @Parameter(description = "ete (default), found-work or sustained-work") @QueryParam("cohort") String cohort,
            @Parameter(description = "index (default) or job-start") @QueryParam("measuredFrom") String measuredFrom,
            @Parameter(description = "first index date, inclusive; the first day of a month (YYYY-MM-01)")
            @QueryParam("from") String from,
            @Parameter(description = "last index date, inclusive; the last day of a month") @QueryParam("to") String to,
            @Parameter(description = "evaluate maturity as of this date, the first day of a month (default: the "
                    + "first day of the current month)")
            @QueryParam("asOf") String asOf,
            @Parameter(description = "zero or more of contract-area, region, team, office, setting, gender, age-band, "
                    + "ethnicity, disability, offence-category, index-quarter; repeat or comma-separate")
            @QueryParam("by") List<String> by) {
        ReoffendingReport report = report(cohort, measuredFrom, from, to, asOf, by);
        return CsvTable.wanted(headers) ? Response.ok(csv(report), CsvTable.MEDIA_TYPE).build()
                : Response.ok(report, MediaType.APPLICATION_JSON).build();
    }

    ReoffendingReport report(String cohort, String measuredFrom, String from, String to, String asOf, List<String> by) {
        LocalDate fromDate = QueryParameters.from(from);
        LocalDate toDate = QueryParameters.to(to);
        QueryParameters.window(fromDate, toDate);
        LocalDate asOfDate = QueryParameters.asOf(asOf);
        return query.report(ReoffendingParameters.cohort(cohort), ReoffendingParameters.measuredFrom(measuredFrom),
                fromDate, toDate, asOfDate, QueryParameters.dimensions(by));
    }

    static CsvTable csv(ReoffendingReport r) {
        List<String> columns = new ArrayList<>(r.by());
        columns.addAll(List.of("people", "matured", "pending", "reoffended", "actualRate", "actualRateCi95Lower",
                "actualRateCi95Upper", "predictedRate", "differencePoints", "observedOverExpected", "fewerReoffended",
                "z", "pValue", "suppressed", "awaitingRelease", "fewerReoffendedCi95Lower", "fewerReoffendedCi95Upper"));
        columns.addAll(CsvTable.LABEL_COLUMNS);
        List<Object> labels = CsvTable.labels(r.cohort(), r.measuredFrom(), r.from(), r.to(), r.asOf(),
                r.suppressionThreshold());
        List<List<Object>> rows = new ArrayList<>();
        for (ReoffendingReport.Row row : r.rows()) {
            rows.add(csvRow(r.by().stream().map(d -> (Object) row.group().get(d)).toList(), row, labels));
        }
        List<Object> totalGroup = new ArrayList<>();
        r.by().forEach(d -> totalGroup.add("total"));
        rows.add(csvRow(totalGroup, r.total(), labels));
        return new CsvTable(columns, rows);
    }

    private static List<Object> csvRow(List<Object> group, ReoffendingReport.Row row, List<Object> labels) {
        List<Object> out = new ArrayList<>(group);
        out.add(row.people());
        out.add(row.matured());
        out.add(row.pending());
        out.add(row.reoffended());
        out.add(row.actualRate());
        out.add(row.actualRateCi95() == null ? null : row.actualRateCi95().lower());
        out.add(row.actualRateCi95() == null ? null : row.actualRateCi95().upper());
        out.add(row.predictedRate());
        out.add(row.differencePoints());
        out.add(row.observedOverExpected());
        out.add(row.fewerReoffended());
        out.add(row.z());
        out.add(row.pValue());
        out.add(row.suppressed());
        out.add(row.awaitingRelease());
        out.add(row.fewerReoffendedCi95() == null ? null : row.fewerReoffendedCi95().lower());
        out.add(row.fewerReoffendedCi95() == null ? null : row.fewerReoffendedCi95().upper());
        out.addAll(labels);
        return out;
    }
}
