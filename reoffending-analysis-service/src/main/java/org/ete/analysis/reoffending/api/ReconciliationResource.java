package org.ete.analysis.reoffending.api;

import jakarta.annotation.security.RolesAllowed;
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
import org.ete.analysis.reoffending.CohortReconciliation;
import org.ete.tokens.Roles;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

@Path("/v1/reoffending/reconciliation")
@Tag(name = "Reoffending", description = "Actual against OGRS3-predicted one-year reconviction")
@RolesAllowed(Roles.ANALYST)
public class ReconciliationResource {
    private final CohortReconciliation reconciliation;

    ReconciliationResource(CohortReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CsvTable.MEDIA_TYPE})
    @Operation(summary = "Why the people who took up are not all in the one-year cohort",
            description = "People who took up in the window by asOf, each counted under one reason (matured, "
                    + "pending, awaitingRelease, indexAfterWindow, noReferral, noPrediction), plus the custody "
                    + "participants released into the window: tookUp - the reasons other than matured + "
                    + "releasedIntoWindow = the matured n of /v1/reoffending?cohort=ete. Send Accept: text/csv for CSV.")
    public Response get(@Context HttpHeaders headers,
            @Parameter(description = "first take-up date, inclusive; the first day of a month")
            @QueryParam("from") String from,
            @Parameter(description = "last take-up date, inclusive; the last day of a month") @QueryParam("to") String to,
            @Parameter(description = "a snapshot as of this date, the first day of a month (default: the first day of "
                    + "the current month)") @QueryParam("asOf") String asOf) {
        LocalDate fromDate = QueryParameters.from(from);
        LocalDate toDate = QueryParameters.to(to);
        QueryParameters.window(fromDate, toDate);
        CohortReconciliation.Report report = reconciliation.report(fromDate, toDate, QueryParameters.asOf(asOf));
        return CsvTable.wanted(headers) ? Response.ok(csv(report), CsvTable.MEDIA_TYPE).build()
                : Response.ok(report, MediaType.APPLICATION_JSON).build();
    }

    static CsvTable csv(CohortReconciliation.Report r) {
        List<String> columns = new ArrayList<>(List.of("reason", "people", "suppressed"));
        columns.addAll(CsvTable.LABEL_COLUMNS);
        List<Object> labels = CsvTable.labels("ete", "index", r.from(), r.to(), r.asOf(), r.suppressionThreshold());
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row("tookUp", r.tookUp(), r.tookUp() == null, labels));
        r.reasons().forEach(l -> rows.add(row(l.reason(), l.people(), l.suppressed(), labels)));
        rows.add(row(r.releasedIntoWindow().reason(), r.releasedIntoWindow().people(),
                r.releasedIntoWindow().suppressed(), labels));
        return new CsvTable(columns, rows);
    }

    private static List<Object> row(String reason, Long people, boolean suppressed, List<Object> labels) {
        List<Object> out = new ArrayList<>(List.of(reason));
        out.add(people);
        out.add(suppressed);
        out.addAll(labels);
        return out;
    }
}
