package org.ete.analysis.alerts.api;

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
import org.ete.analysis.alerts.AlertWindow;
import org.ete.analysis.alerts.AlertsReport;
import org.ete.analysis.alerts.FunnelAlerts;
import org.ete.analysis.breakdown.Dimension;
import org.ete.analysis.http.CsvTable;
import org.ete.analysis.http.QueryParameters;
import org.ete.analysis.reoffending.api.ReoffendingParameters;
import org.ete.analysis.stats.FunnelPlot;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

@Path("/v1/reoffending/alerts")
@Tag(name = "Reoffending", description = "Actual against OGRS3-predicted one-year reconviction")
@RolesAllowed(Roles.ANALYST)
public class AlertsResource {
    private final FunnelAlerts alerts;

    AlertsResource(FunnelAlerts alerts) {
        this.alerts = alerts;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CsvTable.MEDIA_TYPE})
    @Operation(summary = "Team and area alerts: funnel plot of O/E against E per group of one dimension",
            description = "Per group of the by dimension, over the cohort's matured people: observed O, expected E "
                    + "(sum of OGRS3 one-year probabilities), O/E, over-dispersed 95% and 99.8% control limits and "
                    + "a status (alarm above the upper 99.8% limit, alert above the upper 95% limit only, better "
                    + "below the lower 95% limit, ok otherwise), with phi, tau2 and k. A group of fewer matured "
                    + "people than the suppression threshold (or the next smallest, when exactly one is) shows only "
                    + "suppressed: true and takes no part in theta0, phi, tau2 or k. Reconvictions are a "
                    + "proxy from the case management system and miss cautions, so O reads slightly low. Send "
                    + "Accept: text/csv for the same rows as CSV.")
    public Response get(@Context HttpHeaders headers,
            @Parameter(description = "exactly one of contract-area, region, team (default), office, setting, gender, "
                    + "age-band, ethnicity, disability, offence-category, index-quarter") @QueryParam("by") List<String> by,
            @Parameter(description = "ete (default), found-work or sustained-work") @QueryParam("cohort") String cohort,
            @Parameter(description = "index (default) or job-start") @QueryParam("measuredFrom") String measuredFrom,
            @Parameter(description = "first index date, inclusive; the first day of a month (YYYY-MM-01); default: 11 "
                    + "months before to's month (a 12-month window)")
            @QueryParam("from") String from,
            @Parameter(description = "last index date, inclusive; the last day of a month; default: the last whole "
                    + "month in which everyone has matured as of asOf (asOf - 547 days)") @QueryParam("to") String to,
            @Parameter(description = "evaluate maturity as of this date, the first day of a month (default: the "
                    + "first day of the current month)")
            @QueryParam("asOf") String asOf,
            @Parameter(description = "pooled (default: each group against its peers, theta0 = sum O / sum E) or one "
                    + "(against OGRS3's national expectation, theta0 = 1)") @QueryParam("centre") String centre) {
        AlertsReport report = report(by, cohort, measuredFrom, from, to, asOf, centre);
        return CsvTable.wanted(headers) ? Response.ok(csv(report), CsvTable.MEDIA_TYPE).build()
                : Response.ok(report, MediaType.APPLICATION_JSON).build();
    }

    AlertsReport report(List<String> by, String cohort, String measuredFrom, String from, String to, String asOf,
                        String centre) {
        Dimension dimension = dimension(by);
        LocalDate fromDate = QueryParameters.from(from);
        LocalDate toDate = QueryParameters.to(to);
        LocalDate asOfDate = QueryParameters.asOf(asOf);
        QueryParameters.window(fromDate, toDate);
        AlertWindow window = AlertWindow.resolve(fromDate, toDate, asOfDate);
        if (toDate == null && window.from().isAfter(window.to())) {
            // to was defaulted: the client's from is what is wrong
            throw QueryParameters.invalid("from", "not-after-default-to", "from (" + window.from() + ") is after the "
                    + "default to (" + window.to() + "), the last whole month in which everyone has matured as of "
                    + asOfDate + "; give to, or an earlier from");
        }
        return alerts.report(dimension, ReoffendingParameters.cohort(cohort),
                ReoffendingParameters.measuredFrom(measuredFrom), window, asOfDate, centre(centre));
    }

    static FunnelPlot.Centre centre(String value) {
        if (value == null || value.isBlank()) {
            return FunnelPlot.Centre.POOLED;
        }
        try {
            return FunnelPlot.Centre.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw QueryParameters.invalid("centre", "enum", e.getMessage());
        }
    }

    /** Exactly one dimension; none given means team. */
    static Dimension dimension(List<String> by) {
        List<Dimension> dims = QueryParameters.dimensions(by);
        if (dims.size() > 1) {
            throw QueryParameters.invalid("by", "max-items", "alerts take exactly one dimension, got " + dims.size());
        }
        return dims.isEmpty() ? Dimension.TEAM : dims.get(0);
    }

    static CsvTable csv(AlertsReport r) {
        List<String> columns = new ArrayList<>(List.of(r.by(), "matured", "observed", "expected", "ratio", "lower95", "upper95",
                "lower998", "upper998", "status", "assessed", "suppressed", "standardError", "detectableRatio",
                "centre", "theta0"));
        columns.addAll(CsvTable.LABEL_COLUMNS);
        List<Object> labels = CsvTable.labels(r.cohort(), r.measuredFrom(), r.from(), r.to(), r.asOf(),
                r.suppressionThreshold());
        List<List<Object>> rows = new ArrayList<>(r.rows().size());
        for (AlertsReport.Row row : r.rows()) {
            List<Object> out = new ArrayList<>(columns.size());
            out.add(row.group());
            out.add(row.matured());
            out.add(row.observed());
            out.add(row.expected());
            out.add(row.ratio());
            out.add(row.lower95());
            out.add(row.upper95());
            out.add(row.lower998());
            out.add(row.upper998());
            out.add(row.status());
            out.add(row.assessed());
            out.add(row.suppressed());
            out.add(row.standardError());
            out.add(row.detectableRatio());
            out.add(r.centre());
            out.add(r.theta0());
            out.addAll(labels);
            rows.add(out);
        }
        return new CsvTable(columns, rows);
    }
}
