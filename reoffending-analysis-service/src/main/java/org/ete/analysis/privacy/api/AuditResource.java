package org.ete.analysis.privacy.api;

import jakarta.annotation.security.RolesAllowed;
import org.ete.tokens.Roles;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ete.analysis.privacy.AuditLog;
import org.ete.analysis.privacy.PrivacyConfig;
import org.ete.servicekit.problem.FieldError;
import org.ete.servicekit.problem.Problem;
import org.ete.servicekit.problem.ProblemException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** {@code GET /v1/privacy/audit}: who read what (role {@code privacy}); this read is audited too. */
@Path("/v1/privacy/audit")
@Tag(name = "Privacy", description = "The audit log of reads")
@RolesAllowed(Roles.PRIVACY)
public class AuditResource {
    static final int DEFAULT_LIMIT = 100;

    private final AuditLog log;
    private final PrivacyConfig config;

    AuditResource(AuditLog log, PrivacyConfig config) {
        this.log = log;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Audit entries, newest first",
            description = "from (inclusive) and to (exclusive) are ISO-8601 instants; principal filters by name; "
                    + "limit 1-1000 (default 100); pass the answer's next as cursor for the following page.")
    public AuditLog.Page audit(@QueryParam("from") String from, @QueryParam("to") String to,
                               @QueryParam("principal") String principal, @QueryParam("limit") String limit,
                               @QueryParam("cursor") String cursor) {
        Instant f = instant("from", from);
        Instant t = instant("to", to);
        if (f != null && t != null && !f.isBefore(t)) {
            throw invalid("to", "after-from", "to must be after from");
        }
        int n = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                throw invalid("limit", "integer", "limit must be an integer");
            }
            if (n < 1 || n > config.auditMaxLimit()) {
                throw invalid("limit", "range", "limit must be 1 to " + config.auditMaxLimit());
            }
        }
        AuditLog.Cursor after = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                after = AuditLog.Cursor.parse(cursor);
            } catch (IllegalArgumentException e) {
                throw invalid("cursor", "cursor", "cursor must be the next of an earlier answer");
            }
        }
        return log.find(f, t, principal == null || principal.isBlank() ? null : principal, n, after);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name, "date-time", name + " must be an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z");
        }
    }

    private static ProblemException invalid(String name, String rule, String message) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + "invalid-request", "The request is invalid", 400,
                message, null, null, List.of(new FieldError("/query/" + name, rule, message))));
    }
}
