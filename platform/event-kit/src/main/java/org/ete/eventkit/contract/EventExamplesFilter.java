package org.ete.eventkit.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.contracts.Service;
import org.ete.contracts.SubjectKind;
import org.ete.eventkit.api.EventIngestResource;
import org.ete.eventkit.contract.EventExamples.EventExample;
import org.ete.eventkit.upcast.DataSchemas;

import java.util.List;
import java.util.Map;

/**
 * Contributes to the OpenAPI document of a producing service what annotations cannot say about
 * {@code POST /v1/events} (whose body the resource reads as bytes, to parse it with hard limits): the CloudEvent
 * envelope as a schema, and one request example per example of each accepted type's JSON Schema
 * ({@link EventExamples}), so Swagger UI offers a valid event of every type. Runs at start, when the service's name
 * ({@code ete.service.name}) is known; does nothing in a service that is not a producer.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class EventExamplesFilter implements OASFilter {
    /** Component names of the envelope schemas. */
    public static final String CLOUD_EVENT = "CloudEvent";
    public static final String CLOUD_EVENT_BATCH = "CloudEventBatch";
    static final String ACKNOWLEDGEMENT = "Acknowledgement";
    static final String BATCH_RESULT = "BatchResult";
    static final String EVENTS_PATH = "/v1/events";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<EventType> types;

    /** The filter Quarkus runs: the types of the service named by {@code ete.service.name}. */
    public EventExamplesFilter() {
        this(configuredTypes());
    }

    /** A filter contributing the examples of {@code types} (all of one producing service). */
    public EventExamplesFilter(List<EventType> types) {
        this.types = List.copyOf(types);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (types.isEmpty() || openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            Operation post = path.getValue().getPOST();
            if (path.getKey().endsWith(EVENTS_PATH) && post != null) {
                if (openAPI.getComponents() == null) {
                    openAPI.setComponents(OASFactory.createComponents());
                }
                contribute(post, openAPI.getComponents());
            }
        }
    }

    private void contribute(Operation post, Components components) {
        describe(post, components);
        components.addSchema(CLOUD_EVENT, envelopeSchema());
        components.addSchema(CLOUD_EVENT_BATCH, OASFactory.createSchema().addType(SchemaType.ARRAY)
                .description("Batch mode: up to 10,000 CloudEvents, at most 16 MiB, applied in order; each is answered "
                        + "accepted, duplicate or rejected with its problem")
                .maxItems(10_000).items(ref(CLOUD_EVENT)));
        RequestBody body = post.getRequestBody();
        if (body == null) {
            body = OASFactory.createRequestBody();
            post.setRequestBody(body);
        }
        if (body.getContent() == null) {
            body.setContent(OASFactory.createContent());
        }
        body.setRequired(true);
        Content content = body.getContent();
        for (String single : List.of(EventIngestResource.CLOUDEVENT, MediaType.APPLICATION_JSON)) {
            org.eclipse.microprofile.openapi.models.media.MediaType media = mediaType(content, single,
                    single.equals(EventIngestResource.CLOUDEVENT));
            if (media != null) {
                media.setSchema(ref(CLOUD_EVENT));
                for (EventExample example : EventExamples.of(types)) {
                    media.addExample(example.name(), OASFactory.createExample()
                            .summary(example.name())
                            .description(EventCatalogue.schema(example.type()).path("description").asText())
                            .value(JSON.convertValue(example.event(), Object.class)));
                }
            }
        }
        org.eclipse.microprofile.openapi.models.media.MediaType batch =
                mediaType(content, EventIngestResource.CLOUDEVENT_BATCH, true);
        batch.setSchema(ref(CLOUD_EVENT_BATCH));
        ArrayNode events = JSON.createArrayNode();
        types.forEach(t -> events.add(EventExamples.of(t).get(0).event()));
        batch.addExample("one-person", OASFactory.createExample()
                .summary("The first example of each type, for one person, in catalogue order")
                .description("Each event is answered in order; an event that breaks a rule is rejected on its own")
                .value(JSON.convertValue(events, Object.class)));
    }

    /**
     * The structured-mode and batch-mode methods share one path and verb, so the scanner merges them into one
     * operation described by only one of them; say what both do and answer.
     */
    private static void describe(Operation post, Components components) {
        post.setSummary("Post one CloudEvent (structured mode) or a batch of them (batch mode)");
        post.setDescription("Structured mode (application/cloudevents+json, at most 64 KiB): 201 when accepted, 200 "
                + "when the same source + id was accepted before (duplicate: true). Batch mode "
                + "(application/cloudevents-batch+json, at most 10,000 events and 16 MiB): 200 with one result per "
                + "event in request order. Errors are application/problem+json naming the field and the rule: 400 "
                + "invalid, 409 conflict with the person's stream, 422 missing prerequisite or impossible date, 413 too "
                + "large. Pick an example below for a valid event of each type.");
        components.addSchema(ACKNOWLEDGEMENT, OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("The answer to one event (structured mode)")
                .addProperty("outcome", OASFactory.createSchema().addType(SchemaType.STRING)
                        .addEnumeration("accepted").addEnumeration("duplicate"))
                .addProperty("duplicate", OASFactory.createSchema().addType(SchemaType.BOOLEAN))
                .addProperty("id", OASFactory.createSchema().addType(SchemaType.STRING))
                .addProperty("source", OASFactory.createSchema().addType(SchemaType.STRING))
                .addProperty("type", OASFactory.createSchema().addType(SchemaType.STRING))
                .addProperty("streamVersion", OASFactory.createSchema().addType(SchemaType.INTEGER)
                        .description("The event's version in the person's stream"))
                .addProperty("recordedAt", OASFactory.createSchema().addType(SchemaType.STRING).format("date-time")));
        APIResponses responses = post.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            post.setResponses(responses);
        }
        responses.addAPIResponse("201", OASFactory.createAPIResponse()
                .description("Accepted (structured mode)").content(json(ref(ACKNOWLEDGEMENT))));
        Schema okSchema = components.getSchemas() != null && components.getSchemas().containsKey(BATCH_RESULT)
                ? OASFactory.createSchema().addOneOf(ref(ACKNOWLEDGEMENT)).addOneOf(ref(BATCH_RESULT))
                : ref(ACKNOWLEDGEMENT);
        responses.addAPIResponse("200", OASFactory.createAPIResponse()
                .description("A duplicate of an accepted event (structured mode), or the batch's results (batch mode)")
                .content(json(okSchema)));
    }

    private static Content json(Schema schema) {
        return OASFactory.createContent().addMediaType(MediaType.APPLICATION_JSON,
                OASFactory.createMediaType().schema(schema));
    }

    private static org.eclipse.microprofile.openapi.models.media.MediaType mediaType(Content content, String name,
                                                                                    boolean create) {
        org.eclipse.microprofile.openapi.models.media.MediaType media =
                content.getMediaTypes() == null ? null : content.getMediaTypes().get(name);
        if (media == null && create) {
            media = OASFactory.createMediaType();
            content.addMediaType(name, media);
        }
        return media;
    }

    private Schema envelopeSchema() {
        SubjectKind kind = types.get(0).subjectKind();
        Schema type = string(1, 200, "The event type; its data follows the type's JSON Schema (GET /v1/schemas/{type})");
        types.forEach(t -> type.addEnumeration(t.type()));
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("A CloudEvent 1.0 in structured mode. Attributes not listed here are rejected.")
                .additionalPropertiesBoolean(false)
                .addRequired("specversion").addRequired("id").addRequired("source").addRequired("type")
                .addRequired("subject").addRequired("data")
                .addProperty("specversion", OASFactory.createSchema().addType(SchemaType.STRING).constValue("1.0"))
                .addProperty("id", string(1, 200, "Unique per source; a repeat of source + id is acknowledged, "
                        + "not stored twice"))
                .addProperty("source", string(1, 500, "The sending system, a URI-reference").format("uri-reference"))
                .addProperty("type", type)
                .addProperty("subject", OASFactory.createSchema().addType(SchemaType.STRING)
                        .pattern(kind.pattern().pattern()).description("The person's reference: " + kind.description()))
                .addProperty("time", string(1, 64, "When it happened, RFC 3339").format("date-time"))
                .addProperty("datacontenttype", OASFactory.createSchema().addType(SchemaType.STRING)
                        .constValue("application/json"))
                .addProperty("dataschema", string(1, 500, "Optional. The schema's $id (the current version), or the $id "
                        + "with ?" + DataSchemas.VERSION_PARAMETER + "=N to send an older schema version N that the "
                        + "service still accepts (it upgrades the data to the current shape)").format("uri"))
                .addProperty("traceparent", OASFactory.createSchema().addType(SchemaType.STRING)
                        .pattern("^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")
                        .description("W3C Trace Context"))
                .addProperty("tracestate", string(1, 512, "W3C Trace Context"))
                .addProperty("data", OASFactory.createSchema().addType(SchemaType.OBJECT)
                        .description("The event's data: exactly the fields of the type's JSON Schema (GET /v1/schemas/{type})"));
    }

    private static Schema string(int min, int max, String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).minLength(min).maxLength(max).description(description);
    }

    private static Schema ref(String component) {
        return OASFactory.createSchema().ref("#/components/schemas/" + component);
    }

    private static List<EventType> configuredTypes() {
        Config config = ConfigProvider.getConfig();
        return config.getOptionalValue("ete.service.name", String.class).flatMap(Service::fromId)
                .filter(Service::isProducer).map(EventCatalogue::byService).orElse(List.of());
    }
}
