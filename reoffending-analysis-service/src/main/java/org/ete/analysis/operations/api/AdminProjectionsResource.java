package org.ete.analysis.operations.api;

import jakarta.annotation.security.RolesAllowed;
import org.ete.tokens.Roles;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ete.analysis.operations.ProjectionRebuild;

import java.net.URI;

/** Operations of the projection: its active generation and the blue/green rebuild. Role {@code ops} once wired. */
@Path("/v1/admin/projections")
@Tag(name = "Admin: projections", description = "Active projection generation and rebuild from offset 0")
@RolesAllowed(Roles.OPS)
public class AdminProjectionsResource {
    private final ProjectionRebuild rebuild;

    AdminProjectionsResource(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The active generation and the progress of the current or last rebuild",
            description = "rebuild.state is idle, running, switching, done or failed; percent, eventsPerSecond and "
                    + "etaSeconds are estimates from the end offsets captured when the rebuild started.")
    public ProjectionRebuild.Status status() {
        return rebuild.status();
    }

    @POST
    @Path("rebuild")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay every topic from offset 0 into a new generation, then switch readers to it",
            description = "202 with the progress; the active generation keeps answering until the new one has "
                    + "caught up. 409 problem if a rebuild is already running.")
    public Response start() {
        return Response.accepted(rebuild.start()).location(URI.create("/v1/admin/projections")).build();
    }
}
