package org.ete.referral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.ete.contracts.AsyncApi;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.contracts.Service;
import org.ete.eventkit.ingest.Pseudonymiser;
import org.ete.eventkit.relay.OutboxRelay;
import org.ete.eventkit.store.EventStore;
import org.ete.eventkit.testkit.CloudEvents;
import org.ete.eventkit.testkit.TopicProbe;
import org.ete.eventkit.upcast.DataSchemas;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published contract and the running service agree: the OpenAPI document offers the contract schemas' own
 * examples and the service accepts them; GET /v1/schemas serves the contract schemas byte for byte; what the relay
 * publishes is what the AsyncAPI document declares; and an event of an older schema version, stored or sent, is read
 * and published in the current shape (with the test-only {@link ReleasedFromCustodyV0Upcaster}).
 */
@QuarkusTest
@WithTestResource(PlatformInfraResource.class)
class ContractIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CE = "application/cloudevents+json";
    static final List<EventType> TYPES = EventCatalogue.byService(Service.REFERRAL);

    @Inject
    EventStore store;
    @Inject
    Pseudonymiser pseudonymiser;
    @Inject
    OutboxRelay relay;

    static JsonNode openApi() throws Exception {
        return JSON.readTree(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
    }

    static JsonNode requestExamples(JsonNode openApi, String mediaType) {
        return openApi.path("paths").path("/v1/events").path("post").path("requestBody").path("content")
                .path(mediaType).path("examples");
    }

    static Response post(JsonNode event) {
        return given().contentType(CE).body(event.toString()).when().post("/v1/events");
    }

    @Test
    void theOpenApiDocumentOffersEverySchemaExampleOfTheServicesTypes() throws Exception {
        JsonNode doc = openApi();
        assertEquals("ETE referral service", doc.path("info").path("title").asText(), "the Swagger page's title");
        for (String media : List.of(CE, "application/json")) {
            JsonNode examples = requestExamples(doc, media);
            int count = 0;
            for (EventType type : TYPES) {
                JsonNode schemaExamples = EventCatalogue.schema(type).get("examples");
                for (int i = 0; i < schemaExamples.size(); i++, count++) {
                    JsonNode value = examples.path(i == 0 ? type.type() : type.type() + "-" + (i + 1)).path("value");
                    assertEquals(type.type(), value.path("type").asText(), media + " " + type.type() + " #" + (i + 1));
                    assertEquals(schemaExamples.get(i), value.path("data"), "the example data is the schema's own");
                    assertEquals(type.schemaId(), value.path("dataschema").asText());
                }
            }
            assertEquals(count, examples.size(), media + ": exactly the schema examples");
        }
        assertEquals(TYPES.size(), requestExamples(doc, "application/cloudevents-batch+json")
                .path("one-person").path("value").size());
        JsonNode envelope = doc.path("components").path("schemas").path("CloudEvent");
        assertEquals(TYPES.stream().map(EventType::type).toList(),
                JSON.convertValue(envelope.path("properties").path("type").path("enum"), List.class));
        assertTrue(doc.path("paths").has("/v1/schemas") && doc.path("paths").has("/v1/schemas/{type}"));
        assertTrue(doc.path("paths").path("/v1/events").path("post").path("responses").has("201"));
    }

    @Test
    void eachSchemaIsServedExactlyAsTheContractsHoldIt() {
        Response list = given().when().get("/v1/schemas");
        list.then().statusCode(200).body("topic", equalTo("referral.events.v1"))
                .body("schemas.type", equalTo(TYPES.stream().map(EventType::type).toList()));
        for (int i = 0; i < TYPES.size(); i++) {
            EventType type = TYPES.get(i);
            String href = list.jsonPath().getString("schemas[" + i + "].href");
            assertEquals("/v1/schemas/" + type.type(), href);
            assertEquals(type.schemaId(), list.jsonPath().getString("schemas[" + i + "].id"));
            assertEquals(type.schemaVersion(), list.jsonPath().getInt("schemas[" + i + "].schemaVersion"));
            Response schema = given().when().get(href);
            schema.then().statusCode(200).contentType(startsWith("application/schema+json"));
            assertEquals(EventCatalogue.schemaText(type), schema.asString(), type.type());
        }
        assertEquals(List.of(0, 1), list.jsonPath().getList("schemas.find { it.type == '"
                + EventType.RELEASED_FROM_CUSTODY.type() + "' }.acceptedSchemaVersions"));
        given().accept("application/json").when().get("/v1/schemas/" + EventType.REFERRAL_CLOSED.type())
                .then().statusCode(200);
        given().when().get("/v1/schemas/" + EventType.JOB_STARTED.type())
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().when().get("/v1/schemas/ete.referral.teleported.v1").then().statusCode(404);
    }

    @Test
    void theOpenApiExamplesAreAcceptedAndPublishedAsTheAsyncApiDocumentDeclares() throws Exception {
        // Example n of every type is one person's; post each person's in catalogue order (referral before take-up).
        Map<Integer, List<JsonNode>> byPerson = new TreeMap<>();
        JsonNode examples = requestExamples(openApi(), CE);
        for (EventType type : TYPES) {
            int n = EventCatalogue.schema(type).get("examples").size();
            for (int i = 1; i <= n; i++) {
                byPerson.computeIfAbsent(i, k -> new ArrayList<>())
                        .add(examples.path(i == 1 ? type.type() : type.type() + "-" + i).path("value"));
            }
        }
        List<String> ids = new ArrayList<>();
        for (List<JsonNode> events : byPerson.values()) {
            String crn = CloudEvents.newCrn();
            for (JsonNode example : events) {
                ObjectNode event = example.deepCopy();
                event.put("id", UUID.randomUUID().toString()).put("subject", crn);
                post(event).then().statusCode(201).body("outcome", equalTo("accepted"));
                ids.add(event.get("id").asText());
            }
            Response read = given().when().get("/v1/people/" + crn + "/events");
            read.then().statusCode(200).body("count", equalTo(events.size()));
            JsonNode stored = JSON.readTree(read.asString()).path("events");
            for (int i = 0; i < events.size(); i++) {
                assertEquals(events.get(i).get("data"), stored.get(i).get("data"), "read back as sent");
            }
        }
        assertEquals(EventCatalogue.byService(Service.REFERRAL).stream()
                .mapToInt(t -> EventCatalogue.schema(t).get("examples").size()).sum(), ids.size());

        JsonNode asyncApi = new ObjectMapper(new YAMLFactory()).readTree(AsyncApi.text());
        JsonNode schemas = asyncApi.path("components").path("schemas");
        Set<String> declared = new HashSet<>();
        schemas.path("cloudEventHeaders").path("properties").fieldNames().forEachRemaining(declared::add);
        schemas.path("partnerEventHeaders").path("allOf").get(1).path("properties").fieldNames()
                .forEachRemaining(declared::add);
        Set<String> required = new HashSet<>();
        schemas.path("cloudEventHeaders").path("required").forEach(n -> required.add(n.asText()));
        schemas.path("partnerEventHeaders").path("allOf").get(1).path("required").forEach(n -> required.add(n.asText()));
        String bootstrap = PlatformInfra.start().kafkaBootstrapServers();
        await().untilAsserted(() -> {
            List<TopicProbe.Published> published = TopicProbe.readAll(bootstrap, Service.REFERRAL.topic(),
                    p -> ids.contains(p.id()));
            assertEquals(ids.size(), published.size());
            for (TopicProbe.Published p : published) {
                Set<String> names = new HashSet<>();
                p.record().headers().forEach(h -> names.add(h.key()));
                assertTrue(declared.containsAll(names), "undeclared headers: " + names + " vs " + declared);
                assertTrue(names.containsAll(required), "missing headers: " + required + " vs " + names);
                JsonNode message = asyncApi.path("components").path("messages").path(p.type());
                assertEquals(p.type(), message.path("name").asText(), "the topic's message is in the document");
                assertTrue(asyncApi.path("channels").path("referralEvents").path("messages").has(p.type()));
                EventType type = EventCatalogue.require(p.type());
                assertEquals(String.valueOf(type.publishedSchemaVersion()), p.header("ce_schemaversion"));
                assertEquals(type.publishedSchemaResource(),
                        AsyncApi.resolve(message.path("payload").path("$ref").asText()), "the payload is the published schema");
                if (type.hasPublishedView()) {
                    assertTrue(!JSON.readTree(p.data()).has("dateOfBirth"), "published as the view: " + p.data());
                }
                assertEquals("application/json", p.header("content-type"));
                assertTrue(p.key().matches(schemas.path("personKey").path("pattern").asText()));
                assertEquals(p.key(), p.subject());
            }
        });
    }

    @Test
    void anEventStoredAtAnOlderSchemaVersionIsReadAndPublishedInTheCurrentShape() {
        String crn = CloudEvents.newCrn();
        post(ReferralIngestIT.referral(crn)).then().statusCode(201);
        String id = UUID.randomUUID().toString();
        // As the store held it before the field was renamed: schema version 0, releaseDate.
        store.append(pseudonymiser.personId(crn), 2, EventType.RELEASED_FROM_CUSTODY.type(), 0,
                LocalDate.parse("2019-06-18"), CloudEvents.SOURCE, id, null,
                CloudEvents.data("releaseDate", "2019-06-18"), null);
        relay.wake(); // written behind the relay's back (as by another instance): published by a sweep

        given().when().get("/v1/people/" + crn + "/events").then().statusCode(200)
                .body("count", equalTo(2))
                .body("events[1].type", equalTo(EventType.RELEASED_FROM_CUSTODY.type()))
                .body("events[1].schemaVersion", equalTo(1))
                .body("events[1].data", equalTo(Map.of("releasedOn", "2019-06-18")));
        given().queryParam("source", CloudEvents.SOURCE).queryParam("id", id).when().get("/v1/events")
                .then().statusCode(200).body("data.releasedOn", equalTo("2019-06-18")).body("schemaVersion", equalTo(1));
        // the rules read the current shape too: a take-up after it is judged against a well-formed history
        post(ReferralIngestIT.takeUp(crn, "2019-06-20")).then().statusCode(201).body("streamVersion", equalTo(3));

        String bootstrap = PlatformInfra.start().kafkaBootstrapServers();
        await().untilAsserted(() -> {
            List<TopicProbe.Published> published = TopicProbe.readAll(bootstrap, Service.REFERRAL.topic(),
                    p -> id.equals(p.id()));
            assertEquals(1, published.size());
            assertEquals(JSON.readTree("{\"releasedOn\": \"2019-06-18\"}"), JSON.readTree(published.get(0).data()));
            assertEquals("1", published.get(0).header("ce_schemaversion"));
        });
    }

    @Test
    void anEventSentAtAnOlderSchemaVersionIsUpgradedAtTheDoor() {
        String crn = CloudEvents.newCrn();
        post(ReferralIngestIT.referral(crn)).then().statusCode(201);
        ObjectNode old = CloudEvents.event(EventType.RELEASED_FROM_CUSTODY.type(), crn,
                CloudEvents.data("releaseDate", "2019-06-18"));
        // without saying so, the old shape is just invalid
        post(old).then().statusCode(400).body("errors.field", hasItem("/data/releaseDate"));

        old.put("dataschema", DataSchemas.uri(EventType.RELEASED_FROM_CUSTODY, 0));
        post(old).then().statusCode(201).body("streamVersion", equalTo(2));
        given().queryParam("source", CloudEvents.SOURCE).queryParam("id", old.get("id").asText()).when()
                .get("/v1/events").then().statusCode(200)
                .body("schemaVersion", equalTo(1)).body("data", equalTo(Map.of("releasedOn", "2019-06-18")));
        post(old).then().statusCode(200).body("duplicate", equalTo(true));

        // the current version may be named too, with or without ?version
        ObjectNode current = ReferralIngestIT.takeUp(crn, "2019-06-20");
        current.put("dataschema", EventType.SERVICE_TAKEN_UP.schemaId());
        post(current).then().statusCode(201);
        ObjectNode closed = CloudEvents.event(EventType.REFERRAL_CLOSED.type(), crn,
                CloudEvents.data("closedOn", "2019-07-01", "reason", "Order completed"));
        closed.put("dataschema", DataSchemas.uri(EventType.REFERRAL_CLOSED, 1));
        post(closed).then().statusCode(201);
    }

    @Test
    void aSchemaVersionTheServiceCannotReadIsRejectedNamingTheDataschema() {
        String crn = CloudEvents.newCrn();
        for (String dataschema : List.of(DataSchemas.uri(EventType.SERVICE_TAKEN_UP, 0),
                DataSchemas.uri(EventType.SERVICE_TAKEN_UP, 2))) {
            ObjectNode e = ReferralIngestIT.takeUp(crn, "2019-06-20");
            e.put("dataschema", dataschema);
            post(e).then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("/dataschema")).body("errors.rule", hasItem("schema-version"));
            ReferralIngestIT.assertNotStored(e);
        }
        ObjectNode otherType = ReferralIngestIT.takeUp(crn, "2019-06-20");
        otherType.put("dataschema", EventType.REFERRAL_CLOSED.schemaId());
        post(otherType).then().statusCode(400).body("errors.rule", hasItem("dataschema-type"));
        ObjectNode foreign = ReferralIngestIT.referral(crn);
        foreign.put("dataschema", "https://partner.example/schemas/referral.json");
        post(foreign).then().statusCode(201);
        assertNotNull(foreign);
    }
}
