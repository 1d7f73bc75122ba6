package org.ete.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every published schema is a well-formed draft 2020-12 schema of the agreed shape, and its examples pass. */
class SchemaFilesTest {

    static final String DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";

    @Test
    void theMetaSchemaLoadsOffline() {
        assertNotNull(ContractSchemas.metaSchema());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void isValidAgainstTheDraft202012MetaSchema(EventType type) {
        List<Error> errors = ContractSchemas.metaSchema().validate(EventCatalogue.schema(type));
        assertTrue(errors.isEmpty(), type.type() + ": " + errors);
        assertNotNull(ContractSchemas.compiled(type));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void hasTheAgreedHeader(EventType type) {
        JsonNode s = EventCatalogue.schema(type);
        assertEquals(ContractSchemas.DRAFT_2020_12, s.path("$schema").asText());
        assertEquals("https://ete.example/contracts/schemas/" + type.type() + ".json", s.path("$id").asText());
        assertEquals(type.schemaId(), s.path("$id").asText());
        assertEquals(type.type(), s.path("title").asText());
        assertFalse(s.path("description").asText().isBlank(), "description");
        assertEquals("object", s.path("type").asText());
        assertTrue(s.path("additionalProperties").isBoolean() && !s.path("additionalProperties").asBoolean(),
                "additionalProperties must be false");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void examplesValidate(EventType type) {
        JsonNode examples = EventCatalogue.schema(type).get("examples");
        assertTrue(examples != null && examples.isArray() && examples.size() >= 1, "at least one example");
        for (JsonNode example : examples) {
            List<Error> errors = ContractSchemas.validate(type, example);
            assertTrue(errors.isEmpty(), type.type() + " example " + example + ": " + errors);
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void exampleDatesAreRealisticAndConsistent(EventType type) {
        for (JsonNode example : EventCatalogue.schema(type).get("examples")) {
            LocalDate occurred = type.occurredAt(example);
            assertTrue(occurred.getYear() >= 2019 && occurred.getYear() <= 2023, type + " occurredAt " + occurred);
            for (Map.Entry<String, LocalDate> d : type.dates(example).entrySet()) {
                if (!d.getKey().equals("dateOfBirth")) {
                    int y = d.getValue().getYear();
                    assertTrue(y >= 2019 && y <= 2023, type + " " + d);
                }
                assertTrue(d.getValue().isBefore(LocalDate.now()), "not in the future: " + d);
            }
            Map<String, LocalDate> dates = type.dates(example);
            if (dates.containsKey("dateOfBirth")) {
                assertTrue(dates.get("dateOfBirth").plusYears(18).compareTo(occurred) <= 0, "18 or over at referral");
            }
            if (dates.containsKey("offenceDate")) {
                assertTrue(dates.get("offenceDate").isBefore(dates.get("sentenceDate")), "offence before sentence");
            }
            if (type == EventType.CANDIDATE_HIRED) {
                assertTrue(dates.get("appointedOn").isBefore(dates.get("startedOn")), "appointed before start");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void requiredFieldsAreDeclaredAndIncludeTheDomainDate(EventType type) {
        JsonNode s = EventCatalogue.schema(type);
        Set<String> required = names(s.get("required"));
        for (String r : required) {
            assertTrue(s.get("properties").has(r), "required but not declared: " + r);
        }
        assertTrue(required.contains(type.occurredAtField()), "occurredAt field must be required");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void dateFieldsAreExactlyTheCataloguesAndHaveTheAgreedShape(EventType type) {
        JsonNode props = EventCatalogue.schema(type).get("properties");
        Set<String> dates = new HashSet<>();
        props.fields().forEachRemaining(e -> {
            if ("date".equals(e.getValue().path("format").asText())) {
                dates.add(e.getKey());
                assertEquals("string", e.getValue().path("type").asText());
                assertEquals(DATE_PATTERN, e.getValue().path("pattern").asText(), e.getKey());
            }
        });
        assertEquals(Set.copyOf(type.dateFields()), dates);
        assertTrue(type.dateFields().contains(type.occurredAtField()));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyStringIsBoundedAndEveryObjectClosed(EventType type) {
        List<String> problems = new ArrayList<>();
        check("", EventCatalogue.schema(type), problems);
        assertTrue(problems.isEmpty(), type.type() + ": " + problems);
    }

    private static void check(String path, JsonNode schema, List<String> problems) {
        String t = schema.path("type").asText();
        if (t.equals("object")) {
            if (!schema.has("additionalProperties") || schema.get("additionalProperties").asBoolean(true)) {
                problems.add(path + ": object not closed");
            }
            Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                check(path + "/" + e.getKey(), e.getValue(), problems);
                if (!e.getValue().hasNonNull("description")) {
                    problems.add(path + "/" + e.getKey() + ": no description");
                }
            }
        } else if (t.equals("string")) {
            boolean enumerated = schema.has("enum");
            boolean formatted = schema.has("format") && schema.has("pattern");
            boolean patterned = schema.has("pattern") && schema.path("maxLength").asInt(0) > 0;
            boolean plain = schema.path("minLength").asInt(-1) == 1 && schema.path("maxLength").asInt(-1) == 200;
            if (!(enumerated || formatted || patterned || plain)) {
                problems.add(path + ": string neither enumerated, patterned nor 1-200");
            }
        } else if (!List.of("number", "integer", "boolean").contains(t)) {
            problems.add(path + ": unexpected type '" + t + "'");
        }
    }

    static Set<String> names(JsonNode array) {
        Set<String> out = new HashSet<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
