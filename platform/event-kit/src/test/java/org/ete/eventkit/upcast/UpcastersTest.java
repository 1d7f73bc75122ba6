package org.ete.eventkit.upcast;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.eventkit.config.ProducingService;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.eventkit.ingest.DataValidator;
import org.ete.eventkit.ingest.EventTypes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The upcaster chain: an old shape read as the current one, step by step, and every way the chain can be wrong. */
class UpcastersTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String JOB_STARTED = EventType.JOB_STARTED.type();

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ObjectNode jobStartedV0() {
        return json("""
                {"jobId": "JOB-2021-0932", "sector": "warehousing", "employer": "Trentside Logistics Ltd",
                 "hours": 37.5, "startedOn": "2021-05-10"}""");
    }

    @Test
    void anOldJobStartedIsReadInTheCurrentShapeAndThenValidatesAgainstTheContract() {
        Upcasters upcasters = Upcasters.of(new JobStartedV0Upcaster());
        ObjectNode v0 = jobStartedV0();
        ObjectNode current = upcasters.toCurrent(JOB_STARTED, 0, v0);

        assertEquals(EventCatalogue.schema(EventType.JOB_STARTED).get("examples").get(0), current,
                "version 0 of the schema's example reads as the example itself");
        assertFalse(current.has("hours"));
        assertEquals(37.5, current.get("hoursPerWeek").doubleValue());
        var spec = new EventTypes(new ProducingService(() -> "employment")).find(JOB_STARTED).orElseThrow();
        assertEquals(List.of(), DataValidator.validateShape(spec, current), "the upgraded data passes the current schema");
        assertFalse(DataValidator.validateShape(spec, jobStartedV0()).isEmpty(), "the old shape itself does not");
    }

    @Test
    void theStoredDataIsNeverChanged() {
        ObjectNode v0 = jobStartedV0();
        ObjectNode before = v0.deepCopy();
        Upcasters.of(new JobStartedV0Upcaster()).toCurrent(JOB_STARTED, 0, v0);
        assertEquals(before, v0);
    }

    @Test
    void textHoursOfTheOldShapeBecomeANumber() {
        ObjectNode v0 = jobStartedV0().put("hours", "16");
        ObjectNode current = Upcasters.of(new JobStartedV0Upcaster()).toCurrent(JOB_STARTED, 0, v0);
        assertTrue(current.get("hoursPerWeek").isNumber());
        assertEquals(16, current.get("hoursPerWeek").intValue());
    }

    @Test
    void currentDataIsReturnedAsItIsWithoutAnyStep() {
        ObjectNode example = (ObjectNode) EventCatalogue.schema(EventType.JOB_STARTED).get("examples").get(0);
        Upcasters upcasters = Upcasters.of(new JobStartedV0Upcaster());
        assertSame(example, upcasters.toCurrent(JOB_STARTED, 1, example));
        assertFalse(upcasters.isOutdated(JOB_STARTED, 1));
        assertTrue(upcasters.isOutdated(JOB_STARTED, 0));
    }

    @Test
    void aTypeTheCatalogueDoesNotKnowIsLeftAlone() {
        ObjectNode data = json("{\"x\": 1}");
        Upcasters upcasters = Upcasters.of();
        assertSame(data, upcasters.toCurrent("ete.unknown.thing.v1", 0, data));
        assertEquals(Upcasters.UNKNOWN, upcasters.currentVersion("ete.unknown.thing.v1"));
        assertEquals(List.of(), upcasters.readableVersions("ete.unknown.thing.v1"));
    }

    @Test
    void stepsAreAppliedInVersionOrderUpToTheCurrentVersion() {
        List<String> applied = new ArrayList<>();
        // A type at version 3: v0 {a}, v1 {b}, v2 {b, c}, v3 {b, c: number}. Steps registered out of order.
        Upcaster v2to3 = step("t", 2, applied, d -> d.put("c", Integer.parseInt(d.get("c").asText())));
        Upcaster v0to1 = step("t", 0, applied, d -> d.set("b", d.remove("a")));
        Upcaster v1to2 = step("t", 1, applied, d -> d.put("c", "7"));
        Upcasters upcasters = new Upcasters(List.of(v2to3, v0to1, v1to2), Map.of("t", 3)::get);

        assertEquals(json("{\"b\": \"x\", \"c\": 7}"), upcasters.toCurrent("t", 0, json("{\"a\": \"x\"}")));
        assertEquals(List.of("t 0->1", "t 1->2", "t 2->3"), applied);

        applied.clear();
        assertEquals(json("{\"b\": \"y\", \"c\": 7}"), upcasters.toCurrent("t", 1, json("{\"b\": \"y\"}")));
        assertEquals(List.of("t 1->2", "t 2->3"), applied, "a later start skips the earlier steps");
        assertEquals(List.of(0, 1, 2, 3), upcasters.readableVersions("t"));
        assertEquals(3, upcasters.currentVersion("t"));
    }

    @Test
    void aGapInTheChainMakesOlderVersionsUnreadable() {
        List<String> applied = new ArrayList<>();
        Upcasters upcasters = new Upcasters(List.of(step("t", 0, applied, d -> d), step("t", 2, applied, d -> d)),
                Map.of("t", 3)::get);
        UpcastException e = assertThrows(UpcastException.class, () -> upcasters.toCurrent("t", 0, json("{}")));
        assertTrue(e.getMessage().contains("no upcaster from version 1 to 2"), e.getMessage());
        assertEquals("t", e.type());
        assertEquals(0, e.version());
        assertEquals(List.of(2, 3), upcasters.readableVersions("t"));
        assertEquals(json("{}"), upcasters.toCurrent("t", 2, json("{}")));
    }

    @Test
    void withoutAnUpcasterAnOldVersionCannotBeRead() {
        UpcastException e = assertThrows(UpcastException.class,
                () -> Upcasters.of().toCurrent(JOB_STARTED, 0, jobStartedV0()));
        assertTrue(e.getMessage().contains("can no longer be read"), e.getMessage());
        assertEquals(List.of(1), Upcasters.of().readableVersions(JOB_STARTED));
        assertEquals(List.of(0, 1), Upcasters.of(new JobStartedV0Upcaster()).readableVersions(JOB_STARTED));
    }

    @Test
    void aNewerOrNegativeVersionIsRefused() {
        Upcasters upcasters = Upcasters.of(new JobStartedV0Upcaster());
        assertTrue(assertThrows(UpcastException.class, () -> upcasters.toCurrent(JOB_STARTED, 2, jobStartedV0()))
                .getMessage().contains("newer"));
        assertThrows(UpcastException.class, () -> upcasters.toCurrent(JOB_STARTED, -1, jobStartedV0()));
    }

    @Test
    void aFailingOrEmptyStepIsReportedWithTheVersionsItJoins() {
        Upcasters throwing = new Upcasters(List.of(step("t", 0, new ArrayList<>(), d -> {
            throw new NumberFormatException("bad hours");
        })), Map.of("t", 1)::get);
        UpcastException e = assertThrows(UpcastException.class, () -> throwing.toCurrent("t", 0, json("{}")));
        assertTrue(e.getMessage().contains("from schema version 0 to 1") && e.getMessage().contains("bad hours"),
                e.getMessage());
        assertTrue(e.getCause() instanceof NumberFormatException);

        Upcasters empty = new Upcasters(List.of(step("t", 0, new ArrayList<>(), d -> null)), Map.of("t", 1)::get);
        assertThrows(UpcastException.class, () -> empty.toCurrent("t", 0, json("{}")));
    }

    @Test
    void aMisconfiguredRegistryFailsAtStart() {
        List<String> ignored = new ArrayList<>();
        assertTrue(assertThrows(IllegalStateException.class, () -> Upcasters.of(new JobStartedV0Upcaster(),
                new JobStartedV0Upcaster())).getMessage().contains("Two upcasters"));
        assertThrows(IllegalStateException.class, () -> Upcasters.of(step("ete.unknown.thing.v1", 0, ignored, d -> d)));
        assertThrows(IllegalStateException.class, () -> Upcasters.of(step(JOB_STARTED, 1, ignored, d -> d)),
                "a step from the current version leads past it");
        assertThrows(IllegalStateException.class, () -> Upcasters.of(step(JOB_STARTED, -1, ignored, d -> d)));
    }

    interface Change {
        ObjectNode apply(ObjectNode data);
    }

    static Upcaster step(String type, int from, List<String> applied, Change change) {
        return new Upcaster() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public int fromVersion() {
                return from;
            }

            @Override
            public ObjectNode upcast(ObjectNode data) {
                applied.add(type + " " + from + "->" + (from + 1));
                ObjectNode out = change.apply(data);
                return out == null ? null : data;
            }
        };
    }
}
