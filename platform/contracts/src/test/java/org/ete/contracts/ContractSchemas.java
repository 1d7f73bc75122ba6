package org.ete.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Test helper: compiles the published schemas with a draft 2020-12 validator that asserts formats. */
final class ContractSchemas {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private static final Map<EventType, Schema> COMPILED = new ConcurrentHashMap<>();

    private ContractSchemas() {
    }

    /** The draft 2020-12 meta-schema (bundled with the validator, no network). */
    static Schema metaSchema() {
        return REGISTRY.getSchema(SchemaLocation.of(DRAFT_2020_12));
    }

    static Schema compiled(EventType type) {
        return COMPILED.computeIfAbsent(type, t -> REGISTRY.getSchema(EventCatalogue.schema(t)));
    }

    static List<Error> validate(EventType type, JsonNode data) {
        return compiled(type).validate(data);
    }

    /** A fresh copy of the schema's first example. */
    static ObjectNode firstExample(EventType type) {
        return (ObjectNode) EventCatalogue.schema(type).get("examples").get(0).deepCopy();
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
