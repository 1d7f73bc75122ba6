package org.ete.eventkit.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.ete.eventkit.config.ProducingService;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.contracts.Service;
import org.ete.eventkit.api.EventIngestResource;
import org.ete.eventkit.ingest.DataValidator;
import org.ete.eventkit.ingest.EnvelopeValidator;
import org.ete.eventkit.ingest.EventTypeSpec;
import org.ete.eventkit.ingest.EventTypes;
import org.ete.eventkit.upcast.DataSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request examples the OpenAPI document shows for {@code POST /v1/events} are the contract schemas' own examples,
 * one per schema example of every type of the service, and each is an event the service would accept: a valid
 * envelope, the service's subject shape, data valid against the type's schema, no date in the future.
 */
class EventExamplesFilterTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The model SmallRye builds from the resource's annotations: the body is bytes under three media types. */
    static OpenAPI scannedModel() {
        Content content = OASFactory.createContent();
        for (String media : List.of(EventIngestResource.CLOUDEVENT, "application/json", EventIngestResource.CLOUDEVENT_BATCH)) {
            content.addMediaType(media, OASFactory.createMediaType().schema(OASFactory.createSchema()
                    .addType(Schema.SchemaType.STRING).format("binary")));
        }
        return OASFactory.createOpenAPI().paths(OASFactory.createPaths().addPathItem("/v1/events",
                OASFactory.createPathItem().POST(OASFactory.createOperation()
                        .requestBody(OASFactory.createRequestBody().content(content)))));
    }

    static Content filtered(Service service) {
        OpenAPI model = scannedModel();
        new EventExamplesFilter(EventCatalogue.byService(service)).filterOpenAPI(model);
        return model.getPaths().getPathItem("/v1/events").getPOST().getRequestBody().getContent();
    }

    static ObjectNode value(Example example) {
        return JSON.valueToTree(example.getValue());
    }

    @ParameterizedTest
    @EnumSource(value = Service.class, names = "REOFFENDING_ANALYSIS", mode = EnumSource.Mode.EXCLUDE)
    void everySchemaExampleOfTheServiceIsOfferedAndWouldBeAccepted(Service service) {
        EventTypes types = new EventTypes(new ProducingService(service::id));
        Content content = filtered(service);
        for (String media : List.of(EventIngestResource.CLOUDEVENT, "application/json")) {
            Map<String, Example> examples = content.getMediaType(media).getExamples();
            int expected = 0;
            for (EventType type : EventCatalogue.byService(service)) {
                JsonNode schemaExamples = EventCatalogue.schema(type).get("examples");
                for (int i = 0; i < schemaExamples.size(); i++) {
                    expected++;
                    Example example = examples.get(i == 0 ? type.type() : type.type() + "-" + (i + 1));
                    assertNotNull(example, media + ": no example " + (i + 1) + " of " + type.type());
                    ObjectNode event = value(example);
                    assertEquals(type.type(), event.get("type").asText());
                    assertEquals(schemaExamples.get(i), event.get("data"), "the data is the schema's example itself");
                    assertAcceptable(types, event);
                }
            }
            assertEquals(expected, examples.size(), "exactly the schema examples");
            assertEquals("#/components/schemas/" + EventExamplesFilter.CLOUD_EVENT,
                    content.getMediaType(media).getSchema().getRef());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Service.class, names = "REOFFENDING_ANALYSIS", mode = EnumSource.Mode.EXCLUDE)
    void theBatchExampleHoldsAValidEventOfEachType(Service service) {
        EventTypes types = new EventTypes(new ProducingService(service::id));
        Example batch = filtered(service).getMediaType(EventIngestResource.CLOUDEVENT_BATCH).getExamples().get("one-person");
        JsonNode events = JSON.valueToTree(batch.getValue());
        List<String> seen = new ArrayList<>();
        for (JsonNode event : events) {
            assertAcceptable(types, (ObjectNode) event);
            seen.add(event.get("type").asText());
        }
        assertEquals(types.names(), seen);
        assertEquals(1, events.findValues("subject").stream().map(JsonNode::asText).distinct().count(), "one person");
    }

    @Test
    void theExamplesOfOnePersonShareASubjectAndTheDataschemaIsTheCurrentVersion() {
        List<EventExamples.EventExample> referral = EventExamples.of(EventCatalogue.byService(Service.REFERRAL));
        for (EventExamples.EventExample e : referral) {
            assertEquals(EventExamples.subject(e.type().subjectKind(), e.index()), e.event().get("subject").asText());
            String dataschema = e.event().get("dataschema").asText();
            assertEquals(e.type().schemaVersion(), DataSchemas.declaredVersion(e.type(), dataschema).getAsInt());
        }
        assertEquals(2, referral.stream().map(e -> e.event().get("subject").asText()).distinct().count());
        assertEquals(referral.size(), referral.stream().map(e -> e.event().get("id").asText()).distinct().count());
    }

    @Test
    void theEnvelopeSchemaListsTheServicesTypesAndRejectsOtherAttributes() {
        OpenAPI model = scannedModel();
        new EventExamplesFilter(EventCatalogue.byService(Service.PEER_MENTOR)).filterOpenAPI(model);
        Schema envelope = model.getComponents().getSchemas().get(EventExamplesFilter.CLOUD_EVENT);
        assertEquals(Boolean.FALSE, envelope.getAdditionalPropertiesBoolean());
        assertEquals(EventCatalogue.byService(Service.PEER_MENTOR).stream().map(EventType::type).toList(),
                envelope.getProperties().get("type").getEnumeration());
        assertEquals(List.of("specversion", "id", "source", "type", "subject", "data"), envelope.getRequired());
        assertTrue(envelope.getProperties().keySet().containsAll(List.of("time", "datacontenttype", "dataschema",
                "traceparent", "tracestate")));
        assertEquals("^[A-Z0-9-]{4,20}$", envelope.getProperties().get("subject").getPattern());
    }

    @Test
    void theMergedOperationDescribesBothModesAndTheirAnswers() {
        OpenAPI model = scannedModel();
        model.components(OASFactory.createComponents().addSchema("BatchResult", OASFactory.createSchema()));
        new EventExamplesFilter(EventCatalogue.byService(Service.TRAINING)).filterOpenAPI(model);
        var post = model.getPaths().getPathItem("/v1/events").getPOST();
        assertTrue(post.getSummary().contains("structured mode") && post.getSummary().contains("batch mode"));
        assertEquals("#/components/schemas/Acknowledgement", post.getResponses().getAPIResponse("201").getContent()
                .getMediaType("application/json").getSchema().getRef());
        assertEquals(2, post.getResponses().getAPIResponse("200").getContent().getMediaType("application/json")
                .getSchema().getOneOf().size());
        assertNotNull(model.getComponents().getSchemas().get("Acknowledgement"));
    }

    @Test
    void aServiceWithoutTypesOrAnOpenApiWithoutTheEndpointIsLeftAlone() {
        OpenAPI model = scannedModel();
        new EventExamplesFilter(List.of()).filterOpenAPI(model);
        assertEquals(null, model.getComponents());
        OpenAPI other = OASFactory.createOpenAPI().paths(OASFactory.createPaths().addPathItem("/v1/views",
                OASFactory.createPathItem().GET(OASFactory.createOperation())));
        new EventExamplesFilter(EventCatalogue.byService(Service.REFERRAL)).filterOpenAPI(other);
        assertEquals(null, other.getComponents());
    }

    static void assertAcceptable(EventTypes types, ObjectNode event) {
        String name = event.path("type").asText() + " " + event.path("id").asText();
        assertEquals(List.of(), EnvelopeValidator.validate(event), name + ": envelope");
        EventTypeSpec spec = types.find(event.get("type").asText()).orElseThrow();
        assertTrue(types.subjectKind().matches(event.get("subject").asText()), name + ": subject");
        JsonNode data = event.get("data");
        assertEquals(List.of(), DataValidator.validateShape(spec, data), name + ": data against the schema");
        assertEquals(List.of(), DataValidator.validateNotInFuture(spec, data, LocalDate.now()), name + ": dates");
    }
}
