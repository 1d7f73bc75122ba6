package org.ete.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each payload record against its JSON Schema, both ways: every record component is a schema property of a
 * compatible type and the same required-ness (required: not {@link Optional}; optional: {@link Optional}), every
 * property has a component, and every schema example reads into the record and writes back as equal JSON.
 */
class PayloadContractTest {

    static List<EventType> partnerEvents() {
        return EventCatalogue.partnerEvents();
    }

    @Test
    void everyPartnerEventNamesItsOwnRecordAndTheAlertsNone() {
        Set<Class<?>> named = partnerEvents().stream().map(t -> t.payloadType().orElseThrow())
                .collect(Collectors.toSet());
        assertEquals(partnerEvents().size(), named.size(), "one record per type");
        assertEquals(Set.of(EventPayload.class.getPermittedSubclasses()), named,
                "the sealed payloads are exactly the catalogue's");
        assertTrue(EventType.ALERT_RAISED.payloadType().isEmpty());
        assertTrue(EventType.ALERT_CLEARED.payloadType().isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> Payloads.read(EventType.ALERT_RAISED, EventCatalogue.schema(EventType.ALERT_RAISED)
                        .get("examples").get(0)));
    }

    @ParameterizedTest
    @MethodSource("partnerEvents")
    void theRecordHasExactlyTheSchemasPropertiesWithCompatibleTypes(EventType type) {
        Class<? extends EventPayload> record = type.payloadType().orElseThrow();
        assertTrue(record.isRecord(), record + " is a record");
        assertMatches(type.type(), record, EventCatalogue.schema(type));
    }

    @ParameterizedTest
    @MethodSource("partnerEvents")
    void everySchemaExampleReadsIntoTheRecordAndWritesBackEqual(EventType type) {
        JsonNode examples = EventCatalogue.schema(type).get("examples");
        assertFalse(examples == null || examples.isEmpty(), type.type() + " has examples");
        for (JsonNode example : examples) {
            EventPayload payload = Payloads.read(type, example);
            assertInstanceOf(type.payloadType().orElseThrow(), payload);
            assertEquals(example, Payloads.write(payload), type.type());
        }
    }

    @Test
    void readsWireNamesDatesAndAbsentOptionals() {
        JsonNode job = EventCatalogue.schema(EventType.JOB_STARTED).get("examples").get(0);
        assertEquals(new JobStarted("JOB-2021-0932", Sector.WAREHOUSING, "Trentside Logistics Ltd", 37.5,
                LocalDate.of(2021, 5, 10)), Payloads.read(EventType.JOB_STARTED, job));

        ObjectNode scores = (ObjectNode) EventCatalogue.schema(EventType.REFERRAL_RECEIVED).get("examples").get(1);
        ReferralReceived referral = (ReferralReceived) Payloads.read(EventType.REFERRAL_RECEIVED, scores);
        assertEquals(Setting.CUSTODY, referral.setting());
        assertEquals(Optional.empty(), referral.disability());
        assertEquals(Optional.empty(), referral.ogrs3Factors());
        assertEquals(Optional.of(41.7), referral.ogrs3OneYearPercent());
        assertFalse(Payloads.write(referral).has("disability"), "an absent optional stays absent");
    }

    @Test
    void refusesJavaNamesAndUnknownValuesOfAnEnumeration() {
        ObjectNode job = (ObjectNode) EventCatalogue.schema(EventType.JOB_STARTED).get("examples").get(0);
        job.put("sector", "WAREHOUSING");
        assertThrows(IllegalArgumentException.class, () -> Payloads.read(EventType.JOB_STARTED, job));
        job.put("sector", "farming");
        assertThrows(IllegalArgumentException.class, () -> Payloads.read(EventType.JOB_STARTED, job));
    }

    /** The record's components against an object schema's properties, recursing into nested objects. */
    static void assertMatches(String where, Class<?> record, JsonNode objectSchema) {
        JsonNode properties = objectSchema.get("properties");
        Set<String> required = new HashSet<>();
        objectSchema.path("required").forEach(r -> required.add(r.asText()));
        Set<String> propertyNames = StreamSupport.stream(
                        ((Iterable<String>) properties::fieldNames).spliterator(), false)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> componentNames = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(propertyNames, componentNames, where + ": the record's components are the schema's properties");
        for (RecordComponent component : record.getRecordComponents()) {
            String name = component.getName();
            assertCompatible(where + "/" + name, component.getGenericType(), properties.get(name),
                    required.contains(name));
        }
    }

    static void assertCompatible(String where, Type javaType, JsonNode property, boolean required) {
        Type valueType = javaType;
        if (required) {
            assertFalse(raw(javaType) == Optional.class, where + " is required, so not Optional");
        } else {
            assertEquals(Optional.class, raw(javaType), where + " is optional, so Optional");
            valueType = ((ParameterizedType) javaType).getActualTypeArguments()[0];
        }
        Class<?> c = raw(valueType);
        String schemaType = property.path("type").asText();
        switch (schemaType) {
            case "string" -> {
                if (property.has("enum")) {
                    assertTrue(c.isEnum() && WireValue.class.isAssignableFrom(c), where + " is a WireValue enum");
                    List<String> wireNames = Arrays.stream(c.getEnumConstants()).map(e -> ((WireValue) e).wire())
                            .toList();
                    List<String> schemaNames = StreamSupport.stream(property.get("enum").spliterator(), false)
                            .map(JsonNode::asText).toList();
                    assertEquals(schemaNames, wireNames, where + ": the enum's wire names are the schema's");
                } else if ("date".equals(property.path("format").asText())) {
                    assertEquals(LocalDate.class, c, where);
                } else {
                    assertEquals(String.class, c, where);
                }
            }
            case "integer" -> assertTrue(c == int.class || c == Integer.class, where + " is an integer, was " + c);
            case "number" -> assertTrue(c == double.class || c == Double.class, where + " is a number, was " + c);
            case "boolean" -> assertTrue(c == boolean.class || c == Boolean.class, where + " is a boolean, was " + c);
            case "object" -> {
                assertTrue(c.isRecord(), where + " is a record");
                assertMatches(where, c, property);
            }
            default -> fail(where + ": schema type '" + schemaType + "' has no Java counterpart here");
        }
    }

    static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }
}
