package org.ete.analysis.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ete.analysis.query.EteOutputs;
import org.ete.analysis.query.EteOutputsQuery;

import java.time.LocalDate;

@Path("/v1/ete/outputs")
@Tag(name = "ETE outputs", description = "Took up, found work and sustained work")
public class EteOutputsResource {
    @Inject
    EteOutputsQuery query;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "ETE outputs for people who took up the service in the window",
            description = "found work = took up and started a job on or after take-up; sustained = of those, a job "
                    + "sustained 13 weeks. Rates are fractions (foundWorkRate of tookUp, sustainedRate of foundWork).")
    public EteOutputs outputs(
            @Parameter(description = "first take-up date, inclusive (YYYY-MM-DD)") @QueryParam("from") String from,
            @Parameter(description = "last take-up date, inclusive (YYYY-MM-DD)") @QueryParam("to") String to) {
        LocalDate fromDate = QueryParameters.date("from", from);
        LocalDate toDate = QueryParameters.date("to", to);
        QueryParameters.window(fromDate, toDate);
        return query.outputs(fromDate, toDate);
    }
}
