package org.ete.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The published shape of the types whose topic data is a view of what partners send (ADR 0009): today only the
 * referral, published without the date of birth and with the age at referral and its band.
 */
class PublishedSchemaTest {

    static Schema compiledPublished(EventType type) {
        return ContractSchemas.REGISTRY.getSchema(EventCatalogue.publishedSchema(type));
    }

    @Test
    void onlyTheReferralHasAPublishedViewAtPublishedVersion3() {
        List<EventType> viewed = EventCatalogue.all().stream().filter(EventType::hasPublishedView).toList();
        assertEquals(List.of(EventType.REFERRAL_RECEIVED), viewed);
        // 2: no date of birth (ADR 0009); 3: ogrs3Computed (ADR 0015)
        assertEquals(3, EventType.REFERRAL_RECEIVED.publishedSchemaVersion());
        assertEquals(1, EventType.REFERRAL_RECEIVED.schemaVersion(), "what partners send has not changed");
        assertEquals("contracts/schemas/published/ete.referral.received.v1.json",
                EventType.REFERRAL_RECEIVED.publishedSchemaResource());
        for (EventType t : EventCatalogue.all()) {
            if (!t.hasPublishedView()) {
                assertEquals(t.schemaVersion(), t.publishedSchemaVersion(), t.type());
                assertEquals(EventCatalogue.schemaText(t), EventCatalogue.publishedSchemaText(t), t.type());
                assertEquals(t.schemaId(), t.publishedSchemaId(), t.type());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void thePublishedSchemaIsAWellFormedClosedSchemaWithValidExamples(EventType type) {
        JsonNode s = EventCatalogue.publishedSchema(type);
        assertTrue(ContractSchemas.metaSchema().validate(s).isEmpty(), type.type());
        assertEquals(type.publishedSchemaId(), s.path("$id").asText());
        assertEquals(type.type(), s.path("title").asText());
        assertFalse(s.path("additionalProperties").asBoolean(true), "closed");
        assertTrue(s.path("examples").size() >= 1);
        for (JsonNode example : s.path("examples")) {
            List<Error> errors = compiledPublished(type).validate(example);
            assertTrue(errors.isEmpty(), type.type() + " example " + example + ": " + errors);
        }
    }

    @Test
    void thePublishedReferralHasNoDateOfBirthAndRequiresTheAgeAndItsBand() {
        JsonNode s = EventCatalogue.publishedSchema(EventType.REFERRAL_RECEIVED);
        assertFalse(s.path("properties").has("dateOfBirth"));
        Set<String> required = new HashSet<>();
        s.path("required").forEach(r -> required.add(r.asText()));
        assertTrue(required.containsAll(List.of("ageAtReferral", "ageBand")), required.toString());
        List<String> bands = new ArrayList<>();
        s.path("properties").path("ageBand").path("enum").forEach(b -> bands.add(b.asText()));
        assertEquals(AgeBand.wireNames(), bands);
        assertEquals(AgeBand.ADULT_AGE, s.path("properties").path("ageAtReferral").path("minimum").asInt());
        // every other property is the received one, unchanged
        JsonNode received = EventCatalogue.schema(EventType.REFERRAL_RECEIVED).path("properties");
        s.path("properties").fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("age") && !e.getKey().equals("ogrs3Computed")) {
                assertEquals(received.get(e.getKey()), e.getValue(), e.getKey());
            }
        });
        assertEquals(received.size() + 2, s.path("properties").size(),
                "dateOfBirth out, two age fields and ogrs3Computed in");
        // a published record that still carries a date of birth is refused
        ObjectNode withDob = (ObjectNode) s.path("examples").get(0).deepCopy();
        withDob.put("dateOfBirth", "1994-07-02");
        assertFalse(compiledPublished(EventType.REFERRAL_RECEIVED).validate(withDob).isEmpty());
    }

    @Test
    void thePublishedRecordHasExactlyThePublishedSchemasProperties() {
        PayloadContractTest.assertMatches("published " + EventType.REFERRAL_RECEIVED.type(),
                ReferralReceived.Published.class, EventCatalogue.publishedSchema(EventType.REFERRAL_RECEIVED));
        assertEquals(ReferralReceived.Published.class, EventType.REFERRAL_RECEIVED.publishedPayloadType().orElseThrow());
    }

    /**
     * The published examples are the received examples through {@link ReferralReceived#published(Optional)}, with the
     * score the current set computes for one with factors, and read back. The first example's score, worked in python
     * (male, 26 on 2021-03-15: band 25-29; burglary (domestic); S = 5, first at 15, current at 26):
     * <pre>
     * import math
     * eta = -1.166679 + 0.463062792 + 1.251124464 * math.log(min(5, 50) / (10 + 26 - 15)) + -0.123944
     * 1 / (1 + math.exp(-(1.402562384 + eta))), 1 / (1 + math.exp(-(2.121705678 + eta)))
     * # (0.22785424575753235, 0.3772296007982603)
     * </pre>
     */
    @Test
    void eachReceivedExamplePublishesAsThePublishedExample() {
        JsonNode received = EventCatalogue.schema(EventType.REFERRAL_RECEIVED).path("examples");
        JsonNode published = EventCatalogue.publishedSchema(EventType.REFERRAL_RECEIVED).path("examples");
        assertEquals(received.size(), published.size());
        JsonNode firstScore = published.get(0).get("ogrs3Computed");
        assertEquals(0.22785424575753235, firstScore.get("oneYear").doubleValue(), 1e-12);
        assertEquals(0.3772296007982603, firstScore.get("twoYear").doubleValue(), 1e-12);
        assertEquals(Ogrs3.version(), firstScore.get("coefficientsVersion").asText());
        for (int i = 0; i < received.size(); i++) {
            ReferralReceived r = (ReferralReceived) Payloads.read(EventType.REFERRAL_RECEIVED, received.get(i));
            Optional<ReferralReceived.Ogrs3Computed> computed = r.ogrs3Factors().map(f -> ReferralReceived.Ogrs3Computed
                    .of(Ogrs3.compute(new Ogrs3.Input(r.gender(), r.dateOfBirth(), r.referralDate(),
                            r.offenceCategory(), f.sanctions(), f.ageAtFirstSanction(), f.ageAtCurrentConviction()))));
            assertEquals(r.ogrs3Factors().isPresent(), published.get(i).has("ogrs3Computed"), "example " + i);
            ObjectNode out = Payloads.write(r.published(computed));
            assertFalse(out.has("dateOfBirth"));
            if (computed.isPresent()) {
                // the example's numbers are python's, equal to Java's to rounding: compare them so, the rest exactly
                JsonNode example = published.get(i).get("ogrs3Computed");
                assertEquals(example.get("oneYear").doubleValue(), out.at("/ogrs3Computed/oneYear").doubleValue(), 1e-12);
                assertEquals(example.get("twoYear").doubleValue(), out.at("/ogrs3Computed/twoYear").doubleValue(), 1e-12);
                assertEquals(example.get("coefficientsVersion"), out.at("/ogrs3Computed/coefficientsVersion"));
                out.set("ogrs3Computed", example);
            }
            assertEquals(published.get(i), out);
            ReferralReceived.Published back = Payloads.readPublished(ReferralReceived.Published.class, published.get(i));
            assertInstanceOf(ReferralReceived.Published.class, back);
            assertEquals(r.published(back.ogrs3Computed()), back);
        }
        ReferralReceived percentages = (ReferralReceived) Payloads.read(EventType.REFERRAL_RECEIVED, received.get(1));
        assertThrows(IllegalArgumentException.class, () -> percentages.published(
                Optional.of(new ReferralReceived.Ogrs3Computed(0.2, 0.3, Ogrs3.version()))), "no score without factors");
    }

    @Test
    void theAgeIsWholeYearsOnTheReferralDateAndTheBandsAreTheReportingBands() {
        LocalDate dob = LocalDate.of(1990, 6, 15);
        assertEquals(29, AgeBand.ageOn(dob, LocalDate.of(2020, 6, 14)));
        assertEquals(30, AgeBand.ageOn(dob, LocalDate.of(2020, 6, 15)));
        LocalDate leap = LocalDate.of(2000, 2, 29);
        assertEquals(20, AgeBand.ageOn(leap, LocalDate.of(2021, 2, 28)));
        assertEquals(21, AgeBand.ageOn(leap, LocalDate.of(2021, 3, 1)));
        int[][] edges = {{17, 0}, {18, 0}, {20, 0}, {21, 1}, {24, 1}, {25, 2}, {29, 2}, {30, 3}, {39, 3}, {40, 4},
                {49, 4}, {50, 5}, {97, 5}};
        for (int[] e : edges) {
            assertEquals(AgeBand.values()[e[1]], AgeBand.of(e[0]), "age " + e[0]);
        }
        assertEquals(List.of("18-20", "21-24", "25-29", "30-39", "40-49", "50+"), AgeBand.wireNames());
    }
}
