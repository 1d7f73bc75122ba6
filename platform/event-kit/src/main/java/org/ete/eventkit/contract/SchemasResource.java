package org.ete.eventkit.contract;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.eventkit.ingest.EventTypes;
import org.ete.servicekit.problem.Problem;
import org.ete.servicekit.problem.ProblemException;
import org.ete.eventkit.upcast.DataSchemas;
import org.ete.eventkit.upcast.Upcasters;

import java.util.List;

/**
 * The service publishes the JSON Schemas of the event types it accepts, exactly as {@code platform/contracts} holds
 * them (the one source of validation and docs): a list with links, and each schema as
 * {@code application/schema+json}. Not secret, so readable without a token.
 */
@Path("/v1/schemas")
@Tag(name = "Schemas", description = "The JSON Schema (draft 2020-12) of each event type this service accepts")
// The event types' JSON Schemas are the published contract, like the OpenAPI document: they hold no data.
@PermitAll
public class SchemasResource {
    /** The media type of a JSON Schema document. */
    public static final String SCHEMA_JSON = "application/schema+json";

    private final EventTypes types;
    private final Upcasters upcasters;

    public SchemasResource(EventTypes types, Upcasters upcasters) {
        this.types = types;
        this.upcasters = upcasters;
    }

    /** One event type of the list. */
    public record SchemaLink(String type, String title, String description, int schemaVersion,
                             List<Integer> acceptedSchemaVersions, String id, String href) {
    }

    /** The service's event types, in catalogue order. */
    public record SchemaIndex(String topic, String subject, String dataschemaVersioning, List<SchemaLink> schemas) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The event types this service accepts, with links to their JSON Schemas")
    public SchemaIndex list(@Context UriInfo uri) {
        List<SchemaLink> links = types.names().stream().map(EventCatalogue::require).map(t -> {
            var schema = EventCatalogue.schema(t);
            return new SchemaLink(t.type(), schema.path("title").asText(), schema.path("description").asText(),
                    t.schemaVersion(), upcasters.readableVersions(t.type()), t.schemaId(),
                    uri.getBaseUriBuilder().path("v1/schemas").path(t.type()).build().getRawPath());
        }).toList();
        return new SchemaIndex(types.topic(), types.subjectDescription(),
                "Send the schema's id as the CloudEvent dataschema (or omit it) for the current version; "
                        + "append ?" + DataSchemas.VERSION_PARAMETER + "=N to send an older accepted version N",
                links);
    }

    @GET
    @Path("/{type}")
    @Produces({SCHEMA_JSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "The JSON Schema of one event type's data, exactly as published in platform/contracts")
    public Response schema(@PathParam("type") String type) {
        EventType eventType = types.find(type).map(spec -> spec.type()).orElseThrow(() -> new ProblemException(
                Problem.of(404, "not-found", "Not Found",
                        "This service accepts no event type of that name; GET /v1/schemas lists those it does")));
        return Response.ok(EventCatalogue.schemaText(eventType)).build();
    }
}
