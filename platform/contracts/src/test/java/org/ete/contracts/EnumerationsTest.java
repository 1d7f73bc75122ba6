package org.ete.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Java enumerations and the schemas' enum lists are the same lists, in the same order. */
class EnumerationsTest {

    /** Which Java enumeration each enumerated data field must equal. */
    static final Map<String, List<String>> BY_FIELD = Map.ofEntries(
            Map.entry("setting", Setting.wireNames()),
            Map.entry("gender", Gender.wireNames()),
            Map.entry("ethnicity", Ethnicity.wireNames()),
            Map.entry("disability", Disability.wireNames()),
            Map.entry("offenceCategory", OffenceCategory.wireNames()),
            Map.entry("qualification", Qualification.wireNames()),
            Map.entry("sector", Sector.wireNames()),
            Map.entry("level", Level.wireNames()),
            Map.entry("route", Route.wireNames()),
            Map.entry("status", AlertStatus.wireNames()),
            Map.entry("previousStatus", AlertStatus.wireNames()));

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaEnumerationsEqualTheJavaEnumerations(EventType type) {
        EventCatalogue.schema(type).get("properties").fields().forEachRemaining(e -> {
            JsonNode values = e.getValue().get("enum");
            if (values != null) {
                List<String> expected = BY_FIELD.get(e.getKey());
                assertNotNull(expected, type.type() + ": no Java enumeration for " + e.getKey());
                List<String> actual = new ArrayList<>();
                values.forEach(v -> actual.add(v.asText()));
                assertEquals(expected, actual, type.type() + " " + e.getKey());
            }
        });
    }

    @Test
    void theListsAreTheCatalogues() {
        assertEquals(List.of("community", "custody", "approved-premises", "unpaid-work"), Setting.wireNames());
        assertEquals(List.of("male", "female"), Gender.wireNames());
        assertEquals(List.of("white", "mixed", "asian", "black", "other", "not-stated"), Ethnicity.wireNames());
        assertEquals(List.of("yes", "no", "not-stated"), Disability.wireNames());
        assertEquals(List.of("cscs", "vocational", "nvq", "fork-lift", "health-and-safety", "personal-track-safety",
                "functional-skills", "other"), Qualification.wireNames());
        assertEquals(List.of("warehousing", "construction", "retail", "production", "driving", "hospitality",
                "manufacturing", "cleaning", "other"), Sector.wireNames());
        assertEquals(List.of("entry", "intermediate", "managerial"), Level.wireNames());
        assertEquals(List.of("academy", "peer-mentor", "public"), Route.wireNames());
        assertEquals(List.of("alarm", "alert", "better", "ok"), AlertStatus.wireNames());
    }

    @Test
    void offenceCategoriesAreTheTwentyOgrs3CategoriesInDomainOrder() {
        assertEquals(List.of("violence", "robbery", "public-order", "sexual-not-child", "sexual-child", "soliciting",
                "burglary-domestic", "burglary-other", "theft-non-motor", "handling-stolen-goods", "absconding-bail",
                "taking-driving-away", "theft-from-vehicle", "drink-driving", "other-motoring", "criminal-damage",
                "drug-import-export-production", "drug-possession-supply", "other", "fraud-forgery"),
                OffenceCategory.wireNames());
        assertEquals("burglary (domestic)", OffenceCategory.BURGLARY_DOMESTIC.label());
    }

    @Test
    void everyWireNameIsLowerCaseWithHyphens() {
        for (List<String> names : BY_FIELD.values()) {
            for (String n : names) {
                assertTrue(n.matches("^[a-z0-9]+(-[a-z0-9]+)*$"), n);
            }
        }
    }

    @Test
    void lookUpsAreExactAndRejectUnknownValues() {
        assertSame(OffenceCategory.DRUG_IMPORT_EXPORT_PRODUCTION, OffenceCategory.fromWire("drug-import-export-production"));
        assertSame(Setting.APPROVED_PREMISES, Setting.fromWire("approved-premises"));
        assertSame(Route.PEER_MENTOR, WireValues.require(Route.class, "peer-mentor"));
        assertTrue(WireValues.find(Gender.class, "Male").isEmpty());
        assertTrue(WireValues.find(Gender.class, null).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sector.fromWire("mining"));
        assertTrue(e.getMessage().contains("Sector") && e.getMessage().contains("mining"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ethnicity.fromWire("OTHER"));
    }
}
