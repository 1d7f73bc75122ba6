package org.ete.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The AsyncAPI document agrees with the catalogue, the topics and the schemas: exactly the platform's five topics,
 * each carrying exactly the catalogue's types of its owner as messages, each message's payload the type's published
 * JSON Schema (whose examples validate), and every reference resolving.
 */
class AsyncApiDocumentTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final JsonNode DOC = read();

    static JsonNode read() {
        try {
            return YAML.readTree(AsyncApi.text());
        } catch (Exception e) {
            throw new IllegalStateException("asyncapi.yaml is not YAML", e);
        }
    }

    static JsonNode resolve(JsonNode refHolder) {
        String ref = refHolder.path("$ref").asText();
        assertTrue(ref.startsWith("#/"), "a local reference: " + ref);
        JsonNode target = DOC.at(ref.substring(1));
        assertFalse(target.isMissingNode(), "unresolved " + ref);
        return target;
    }

    /** channel address -> its messages' names, in document order. */
    static Map<String, List<String>> messagesByAddress() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        DOC.path("channels").forEach(channel -> {
            List<String> names = new ArrayList<>();
            channel.path("messages").forEach(m -> names.add(resolve(m).path("name").asText()));
            assertTrue(out.put(channel.path("address").asText(), names) == null, "address twice");
        });
        return out;
    }

    @Test
    void isAnAsyncApi3DocumentForKafka() {
        assertEquals("3.0.0", DOC.path("asyncapi").asText());
        assertFalse(DOC.path("info").path("title").asText().isBlank());
        assertFalse(DOC.path("info").path("version").asText().isBlank());
        assertEquals("application/json", DOC.path("defaultContentType").asText());
        DOC.path("servers").forEach(s -> assertEquals("kafka", s.path("protocol").asText()));
    }

    @Test
    void theChannelsAreExactlyTheFourProducerTopicsAndTheAlertsTopic() {
        Set<String> addresses = messagesByAddress().keySet();
        assertEquals(5, addresses.size());
        assertEquals(new HashSet<>(Topics.ALL), addresses);
        assertTrue(addresses.containsAll(Topics.PRODUCER_TOPICS));
        assertTrue(addresses.contains(Topics.ANALYSIS_ALERTS));
        DOC.path("channels").forEach(channel -> {
            JsonNode kafka = channel.path("bindings").path("kafka");
            assertEquals(channel.path("address").asText(), kafka.path("topic").asText());
            assertEquals(-1, kafka.path("topicConfiguration").path("retention.ms").asInt(), "infinite retention");
        });
    }

    @Test
    void eachTopicCarriesExactlyTheCatalogueTypesOfItsOwnerInCatalogueOrder() {
        for (Map.Entry<String, List<String>> e : messagesByAddress().entrySet()) {
            assertEquals(EventCatalogue.byTopic(e.getKey()).stream().map(EventType::type).toList(), e.getValue(),
                    e.getKey());
        }
        List<String> all = messagesByAddress().values().stream().flatMap(List::stream).toList();
        assertEquals(EventCatalogue.typeNames().size(), all.size());
        assertEquals(new HashSet<>(EventCatalogue.typeNames()), new HashSet<>(all));
        Set<String> components = new HashSet<>();
        DOC.path("components").path("messages").fieldNames().forEachRemaining(components::add);
        assertEquals(new HashSet<>(EventCatalogue.typeNames()), components, "no message outside the catalogue");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eachMessageIsTheCloudEventOfItsTypeWithThePublishedSchemaAsPayload(EventType type) throws Exception {
        JsonNode message = DOC.path("components").path("messages").path(type.type());
        assertEquals(type.type(), message.path("name").asText());
        assertEquals("application/json", message.path("contentType").asText());
        String ref = message.path("payload").path("$ref").asText();
        assertEquals("schemas/" + (type.hasPublishedView() ? EventType.PUBLISHED_FOLDER : "") + type.type() + ".json",
                ref);
        assertEquals(type.publishedSchemaResource(), AsyncApi.resolve(ref));
        JsonNode payload;
        try (InputStream in = EventCatalogue.open(AsyncApi.resolve(ref))) {
            assertNotNull(in, "payload reference does not resolve: " + ref);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(EventCatalogue.publishedSchemaText(type), text, "the payload is the published schema itself");
            payload = ContractSchemas.MAPPER.readTree(text);
        }
        for (JsonNode example : payload.path("examples")) {
            List<Error> errors = PublishedSchemaTest.compiledPublished(type).validate(example);
            assertTrue(errors.isEmpty(), type.type() + " example " + example + ": " + errors);
        }

        JsonNode headers = message.path("headers").path("allOf");
        String base = type.isPartnerEvent() ? "partnerEventHeaders" : "alertHeaders";
        assertEquals("#/components/schemas/" + base, headers.get(0).path("$ref").asText());
        assertEquals(type.type(), headers.get(1).path("properties").path("ce_type").path("const").asText());
        String key = message.path("bindings").path("kafka").path("key").path("$ref").asText();
        assertEquals(type.isPartnerEvent() ? "#/components/schemas/personKey" : "#/components/schemas/alertKey", key);
    }

    @Test
    void theHeadersAreTheCloudEventsKafkaBindingWithTheSchemaVersion() {
        JsonNode headers = DOC.path("components").path("schemas").path("cloudEventHeaders");
        Set<String> required = new HashSet<>();
        headers.path("required").forEach(n -> required.add(n.asText()));
        assertTrue(required.containsAll(List.of("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_subject",
                "ce_time", "content-type", "ce_schemaversion")), required.toString());
        for (String r : required) {
            assertTrue(headers.path("properties").has(r), "required header not declared: " + r);
        }
        JsonNode partner = DOC.path("components").path("schemas").path("partnerEventHeaders").path("allOf").get(1);
        assertEquals("^[0-9a-f]{64}$", partner.path("properties").path("ce_subject").path("pattern").asText(),
                "partner events carry the person id, never the case reference");
    }

    @Test
    void eachChannelHasOneSendOperationForAllItsMessages() {
        Map<String, Integer> operationsPerChannel = new LinkedHashMap<>();
        DOC.path("operations").forEach(op -> {
            assertEquals("send", op.path("action").asText());
            JsonNode channel = resolve(op.path("channel"));
            String address = channel.path("address").asText();
            operationsPerChannel.merge(address, 1, Integer::sum);
            List<String> names = new ArrayList<>();
            op.path("messages").forEach(m -> {
                assertTrue(m.path("$ref").asText().startsWith(op.path("channel").path("$ref").asText() + "/messages/"),
                        "an operation's messages must be its channel's: " + m);
                names.add(resolve(resolve(m)).path("name").asText());
            });
            assertEquals(messagesByAddress().get(address), names, address);
        });
        assertEquals(new HashSet<>(Topics.ALL), operationsPerChannel.keySet());
        operationsPerChannel.values().forEach(n -> assertEquals(1, n));
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(DOC, refs);
        assertTrue(refs.size() > 50, "references found: " + refs.size());
        for (String ref : refs) {
            if (ref.startsWith("#/")) {
                assertFalse(DOC.at(ref.substring(1)).isMissingNode(), "unresolved " + ref);
            } else {
                try (InputStream in = EventCatalogue.open(AsyncApi.resolve(ref))) {
                    assertNotNull(in, "unresolved " + ref);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    /**
     * The schemas are draft 2020-12 but use only keywords AsyncAPI's default schema format (a superset of draft-07)
     * also knows, so AsyncAPI tooling reads the payloads as they are.
     */
    @ParameterizedTest
    @EnumSource(EventType.class)
    void payloadSchemasUseOnlyKeywordsAsyncApiToolingKnows(EventType type) {
        Set<String> known = Set.of("$schema", "$id", "title", "description", "type", "additionalProperties",
                "properties", "required", "examples", "enum", "const", "format", "pattern", "minLength", "maxLength",
                "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "oneOf", "anyOf", "allOf", "not",
                "items", "minItems", "maxItems");
        List<String> unknown = new ArrayList<>();
        keywords(EventCatalogue.schema(type), known, "", unknown);
        keywords(EventCatalogue.publishedSchema(type), known, "", unknown);
        assertEquals(List.of(), unknown, type.type());
    }

    private static void keywords(JsonNode schema, Set<String> known, String path, List<String> unknown) {
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                unknown.add(path + "/" + k);
            }
        }
        schema.path("properties").fields().forEachRemaining(e -> keywords(e.getValue(), known,
                path + "/properties/" + e.getKey(), unknown));
        for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
            int i = 0;
            for (JsonNode sub : schema.path(combinator)) {
                keywords(sub, known, path + "/" + combinator + "/" + i++, unknown);
            }
        }
        if (schema.has("not")) {
            keywords(schema.get("not"), known, path + "/not", unknown);
        }
        if (schema.path("items").isObject()) {
            keywords(schema.get("items"), known, path + "/items", unknown);
        }
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    out.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, out));
        }
    }
}
