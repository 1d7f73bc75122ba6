package org.ete.eventkit.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ete.eventkit.api.EventResponses.Acknowledgement;
import org.ete.eventkit.api.EventResponses.BatchItem;
import org.ete.eventkit.api.EventResponses.BatchResult;
import org.ete.eventkit.api.EventResponses.EventSummary;
import org.ete.eventkit.api.EventResponses.PersonEvents;
import org.ete.eventkit.ingest.EventTypes;
import org.ete.eventkit.ingest.IngestResult;
import org.ete.eventkit.ingest.IngestService;
import org.ete.eventkit.ingest.Pseudonymiser;
import org.ete.servicekit.problem.FieldError;
import org.ete.servicekit.problem.Problem;
import org.ete.servicekit.problem.ProblemException;
import org.ete.servicekit.problem.ProblemMappers;
import org.ete.servicekit.security.CallerSources;
import org.ete.tokens.Roles;
import org.ete.eventkit.store.EventStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one write endpoint of every producing service (CloudEvents binary, structured and batch mode) and its read
 * side. Thin: parse with hard limits, hand each event to {@link IngestService}, map the outcome.
 */
@Path("/v1")
@RolesAllowed(Roles.PARTNER)
@Tag(name = "Events", description = "Post CloudEvents and check what was accepted")
public class EventIngestResource {
    public static final String CLOUDEVENT = "application/cloudevents+json";
    public static final String CLOUDEVENT_BATCH = "application/cloudevents-batch+json";
    static final int MAX_EVENT_BYTES = 64 * 1024;
    static final int MAX_BATCH_BYTES = 16 * 1024 * 1024;
    static final int MAX_BATCH_EVENTS = 10_000;
    /** A busy ingest clears its queue in milliseconds; a second is the smallest Retry-After HTTP can say. */
    static final int RETRY_AFTER_SECONDS = 1;

    /** Strict parser: duplicate keys, deep nesting and huge numbers or strings are rejected before any check. */
    private static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32).maxNumberLength(64).maxStringLength(MAX_EVENT_BYTES).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final IngestService ingest;
    private final EventStore store;
    private final Pseudonymiser pseudonymiser;
    private final EventTypes types;
    private final CallerSources callerSources;

    public EventIngestResource(IngestService ingest, EventStore store, Pseudonymiser pseudonymiser, EventTypes types,
                               CallerSources callerSources) {
        this.callerSources = callerSources;
        this.ingest = ingest;
        this.store = store;
        this.pseudonymiser = pseudonymiser;
        this.types = types;
    }

    @POST
    @Path("/events")
    @Consumes({CLOUDEVENT, MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post one CloudEvent (structured or binary mode)",
            description = "Structured mode: the whole event as the body (application/cloudevents+json, or application/json"
                    + " without ce-* headers). Binary mode: the attributes as ce-* headers (plus traceparent/tracestate),"
                    + " Content-Type application/json and the data as the body. Same envelope rules either way. 201 when"
                    + " accepted, 200 when the same source+id was accepted before; problem+json otherwise (503 with Retry-After"
                    + " when too many events are waiting to be stored).")
    public Response postOne(byte[] body, @Context HttpHeaders headers) {
        if (body.length > MAX_EVENT_BYTES) {
            throw tooLarge("An event may be at most " + MAX_EVENT_BYTES + " bytes; use batch mode for many events");
        }
        JsonNode event = BinaryMode.isBinary(headers) ? BinaryMode.envelope(headers, parse(body, "/data")) : parse(body, "");
        IngestResult result = ingest.ingest(event, callerSources.grant());
        return switch (result.outcome()) {
            case ACCEPTED -> Response.status(201).entity(Acknowledgement.of(result)).build();
            case DUPLICATE -> Response.ok(Acknowledgement.of(result)).build();
            // 503 (the group commit's queue is full, or a stream kept changing): the same event may be sent again.
            case REJECTED -> {
                if (result.problem().status() != 503) {
                    throw new ProblemException(result.problem());
                }
                yield Response.fromResponse(ProblemMappers.toResponse(result.problem()))
                        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
            }
        };
    }

    @POST
    @Path("/events")
    @Consumes(CLOUDEVENT_BATCH)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post a batch of CloudEvents (batch mode)",
            description = "Events are applied in order; each is accepted, a duplicate, or rejected with its problem.")
    public BatchResult postBatch(byte[] body) {
        if (body.length > MAX_BATCH_BYTES) {
            throw tooLarge("A batch may be at most " + MAX_BATCH_BYTES + " bytes");
        }
        JsonNode batch = parse(body, "");
        if (!batch.isArray()) {
            throw new ProblemException(Problem.invalid("A batch must be a JSON array of CloudEvents",
                    List.of(new FieldError("", "type", "expected an array"))));
        }
        if (batch.size() > MAX_BATCH_EVENTS) {
            throw tooLarge("A batch may hold at most " + MAX_BATCH_EVENTS + " events; it held " + batch.size());
        }
        List<JsonNode> events = new ArrayList<>(batch.size());
        batch.forEach(events::add);
        List<IngestResult> outcomes = ingest.ingestBatch(events, callerSources.grant());
        List<BatchItem> items = new ArrayList<>(batch.size());
        int accepted = 0, duplicates = 0, rejected = 0;
        for (int i = 0; i < batch.size(); i++) {
            JsonNode event = batch.get(i);
            IngestResult r = outcomes.get(i);
            switch (r.outcome()) {
                case ACCEPTED -> accepted++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> rejected++;
            }
            items.add(r.event() != null
                    ? new BatchItem(i, r.outcome().wire(), r.event().id(), r.event().source(), r.event().version(), null)
                    : new BatchItem(i, r.outcome().wire(), event.path("id").asText(null), event.path("source").asText(null),
                    null, r.problem()));
        }
        return new BatchResult(accepted, duplicates, rejected, items);
    }

    @GET
    @Path("/events")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Was this event accepted?", description = "200 with its summary, 404 problem if not.")
    public EventSummary findEvent(@QueryParam("source") String source, @QueryParam("id") String id) {
        List<FieldError> missing = new ArrayList<>();
        if (source == null || source.isBlank()) {
            missing.add(new FieldError("/query/source", "required", "source is required"));
        }
        if (id == null || id.isBlank()) {
            missing.add(new FieldError("/query/id", "required", "id is required"));
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(new Problem(Problem.TYPE_BASE + "invalid-request", "The request is invalid", 400,
                    "source and id are required", null, null, missing));
        }
        return store.findBySourceAndId(source, id).map(EventSummary::of).orElseThrow(() -> new ProblemException(
                Problem.of(404, "not-found", "Not Found", "No event with this source and id was accepted")));
    }

    @GET
    @Path("/people/{caseReference}/events")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A person's accepted events, oldest first")
    public PersonEvents personEvents(@PathParam("caseReference") String caseReference) {
        if (!types.subjectPattern().matcher(caseReference).matches()) {
            throw new ProblemException(new Problem(Problem.TYPE_BASE + "invalid-request", "The request is invalid", 400,
                    "Not a valid case reference", null, null,
                    List.of(new FieldError("/path/caseReference", "pattern", "must be " + types.subjectDescription()))));
        }
        List<EventSummary> events = store.readStream(pseudonymiser.personId(caseReference)).stream()
                .map(EventSummary::of).toList();
        return new PersonEvents(events.size(), events);
    }

    /** The body as JSON; {@code field} is the pointer errors name (the whole event, or in binary mode its data). */
    private static JsonNode parse(byte[] body, String field) {
        if (body.length == 0) {
            throw new ProblemException(Problem.invalid("The body is empty",
                    List.of(new FieldError(field, "required", "a JSON body is required"))));
        }
        try {
            return STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.invalid("The body is not valid JSON",
                    List.of(new FieldError(field, "json-syntax", e.getOriginalMessage()))));
        } catch (IOException e) {
            throw new ProblemException(Problem.invalid("The body could not be read",
                    List.of(new FieldError(field, "json-syntax", e.getMessage()))));
        }
    }

    private static ProblemException tooLarge(String detail) {
        return new ProblemException(Problem.of(413, "payload-too-large", "Payload Too Large", detail));
    }
}
