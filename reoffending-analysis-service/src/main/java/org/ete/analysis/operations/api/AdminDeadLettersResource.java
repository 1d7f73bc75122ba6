package org.ete.analysis.operations.api;

import jakarta.annotation.security.RolesAllowed;
import org.ete.tokens.Roles;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ete.analysis.http.QueryParameters;
import org.ete.analysis.operations.DeadLetterReplay;
import org.ete.analysis.operations.DeadLetters;

import java.util.List;

/** Events the projection could not apply: list and replay. Role {@code ops} once wired. */
@Path("/v1/admin/dead-letters")
@Tag(name = "Admin: dead letters", description = "Events the projection could not apply")
@RolesAllowed(Roles.OPS)
public class AdminDeadLettersResource {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    /** A page of dead letters, newest first. */
    public record Page(List<DeadLetters.DeadLetter> items, int limit) {
    }

    private final DeadLetters deadLetters;
    private final DeadLetterReplay replay;

    AdminDeadLettersResource(DeadLetters deadLetters, DeadLetterReplay replay) {
        this.deadLetters = deadLetters;
        this.replay = replay;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dead letters, the most recently recorded first",
            description = "id is <topic>-<partition>-<offset> of the original record; status is dead, or replayed "
                    + "once a replay applied it; reason is not-a-cloudevent, unknown-type, no-subject, "
                    + "data-not-object, invalid-data or apply-failed, with the detail.")
    public Page list(@Parameter(description = "at most this many (1-1000, default 50)") @QueryParam("limit") String limit) {
        int n = limit(limit);
        return new Page(deadLetters.list(n), n);
    }

    @POST
    @Path("{id}/replay")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Apply a dead letter again from its stored copy",
            description = "200 with outcome applied (or already-applied); 422 problem naming the reason if it still "
                    + "cannot be applied (the dead letter is left as it was); 404 problem for an unknown id.")
    public DeadLetterReplay.Replayed replay(@PathParam("id") String id) {
        return replay.replay(id);
    }

    static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw QueryParameters.invalid("limit", "range", "limit must be an integer from 1 to " + MAX_LIMIT
                + ", was '" + value + "'");
    }
}
