package org.ete.referral.domain;

import org.ete.contracts.Ogrs3Derivation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.contracts.Gender;
import org.ete.contracts.OffenceCategory;
import org.ete.contracts.Ogrs3;
import org.ete.contracts.Payloads;
import org.ete.contracts.ReferralReceived;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The referral as published: no date of birth; the age on the referral date and its band; the published schema. */
class ReferralPublicationTest {
    static final Schema PUBLISHED = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()))
            .getSchema(EventCatalogue.publishedSchema(EventType.REFERRAL_RECEIVED));

    final ReferralPublication view = new ReferralPublication();

    ObjectNode publish(ReferralReceived referral) {
        return view.publish(Payloads.write(referral));
    }

    @Test
    void everyExampleIsPublishedWithoutTheDateOfBirthAndFitsThePublishedSchema() {
        assertEquals(EventType.REFERRAL_RECEIVED.type(), view.type());
        for (JsonNode example : EventCatalogue.schema(EventType.REFERRAL_RECEIVED).get("examples")) {
            ObjectNode out = view.publish(example.deepCopy());
            assertFalse(out.has("dateOfBirth"), out.toString());
            assertFalse(out.toString().contains(example.get("dateOfBirth").asText()), "not under another name");
            assertTrue(PUBLISHED.validate(out).isEmpty(), out + ": " + PUBLISHED.validate(out));
            // all else is the referral as received
            example.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("dateOfBirth")) {
                    assertEquals(f.getValue(), out.get(f.getKey()), f.getKey());
                }
            });
        }
    }

    @Test
    void theAgeIsWholeYearsOnTheReferralDateAndTheBandIsItsReportingBand() {
        ObjectNode dayBefore = publish(ReferralRulesTest.referralData("2021-06-14", "1991-06-15"));
        assertEquals(29, dayBefore.get("ageAtReferral").asInt());
        assertEquals("25-29", dayBefore.get("ageBand").asText());
        ObjectNode birthday = publish(ReferralRulesTest.referralData("2021-06-15", "1991-06-15"));
        assertEquals(30, birthday.get("ageAtReferral").asInt());
        assertEquals("30-39", birthday.get("ageBand").asText());
        ObjectNode eighteen = publish(ReferralRulesTest.referralData("2021-03-01", "2003-03-01"));
        assertEquals(18, eighteen.get("ageAtReferral").asInt());
        assertEquals("18-20", eighteen.get("ageBand").asText());
        ObjectNode leapling = publish(ReferralRulesTest.referralData("2021-02-28", "2000-02-29"));
        assertEquals(20, leapling.get("ageAtReferral").asInt(), "a 29 February birthday counts on 1 March");
        assertEquals("50+", publish(ReferralRulesTest.referralData("2021-01-10", "1960-01-10")).get("ageBand").asText());
    }

    /** What the analysis scores from the published age is what this service derived from the date of birth. */
    @Test
    void theOgrs3ScoreFromThePublishedAgeEqualsTheOneDerivedFromTheDateOfBirth() {
        for (String dob : List.of("1991-06-14", "1991-06-15", "1991-06-16", "1970-12-31", "2000-02-29")) {
            ReferralReceived referral = ReferralRulesTest.withFactors(
                    ReferralRulesTest.referralData("2021-06-15", dob, Gender.FEMALE, OffenceCategory.ROBBERY), 4, 14, 19);
            ObjectNode published = publish(referral);
            Ogrs3.Score fromAge = Ogrs3.computeAtAge(new Ogrs3.AgeInput(Gender.FEMALE,
                    published.get("ageAtReferral").asInt(), OffenceCategory.ROBBERY, 4, 14, 19));
            JsonNode derived = Ogrs3Derivation.of(referral).get("ogrs3");
            assertEquals(derived.get("oneYear").asDouble(), fromAge.oneYear(), 0.0, dob);
            assertEquals(derived.get("twoYear").asDouble(), fromAge.twoYear(), 0.0, dob);
            assertEquals(derived.get("ageAtAssessment").asInt(), published.get("ageAtReferral").asInt(), dob);
        }
    }

    /**
     * A referral with factors is published with the score stored beside it at the append and that score's version,
     * never one the view computes again: here the stored score is not what the current set gives, as after a
     * coefficient change, and the published one is still the stored one.
     */
    @Test
    void theComputedScoreIsTheStoredOneWithItsVersion() {
        ReferralReceived referral = ReferralRulesTest.withFactors(
                ReferralRulesTest.referralData("2021-03-15", "1994-07-02"), 5, 15, 26);
        ObjectNode derived = Ogrs3Derivation.of(referral);
        ObjectNode stored = (ObjectNode) derived.get("ogrs3");
        stored.put("oneYear", 0.125).put("twoYear", 0.25).put("coefficientsVersion", "ogrs3-2026-11-23");

        ObjectNode out = view.publish(Payloads.write(referral), derived.deepCopy());
        assertEquals(0.125, out.at("/ogrs3Computed/oneYear").doubleValue(), 0.0);
        assertEquals(0.25, out.at("/ogrs3Computed/twoYear").doubleValue(), 0.0);
        assertEquals("ogrs3-2026-11-23", out.at("/ogrs3Computed/coefficientsVersion").asText());
        assertEquals(3, out.get("ogrs3Computed").size(), "oneYear, twoYear, coefficientsVersion only");
        assertTrue(PUBLISHED.validate(out).isEmpty(), out + ": " + PUBLISHED.validate(out));

        // stored before scores carried a version, or with nothing derived: published without a computed score
        stored.remove("coefficientsVersion");
        assertFalse(view.publish(Payloads.write(referral), derived).has("ogrs3Computed"));
        assertFalse(view.publish(Payloads.write(referral)).has("ogrs3Computed"));
        // percentages are published as sent, never with a computed score
        ReferralReceived given = ReferralRulesTest.referralData("2021-03-15", "1994-07-02");
        ObjectNode givenOut = view.publish(Payloads.write(given), Ogrs3Derivation.of(given));
        assertFalse(givenOut.has("ogrs3Computed"), givenOut.toString());
        assertTrue(PUBLISHED.validate(givenOut).isEmpty());
    }

    @Test
    void thePublishedSchemaRefusesAComputedScoreWithoutFactorsOrWithoutAVersion() {
        ReferralReceived referral = ReferralRulesTest.withFactors(
                ReferralRulesTest.referralData("2021-03-15", "1994-07-02"), 5, 15, 26);
        ObjectNode out = view.publish(Payloads.write(referral), Ogrs3Derivation.of(referral));
        assertTrue(PUBLISHED.validate(out).isEmpty(), PUBLISHED.validate(out).toString());
        ObjectNode noVersion = out.deepCopy();
        ((ObjectNode) noVersion.get("ogrs3Computed")).remove("coefficientsVersion");
        assertFalse(PUBLISHED.validate(noVersion).isEmpty());
        ObjectNode badVersion = out.deepCopy();
        ((ObjectNode) badVersion.get("ogrs3Computed")).put("coefficientsVersion", "latest");
        assertFalse(PUBLISHED.validate(badVersion).isEmpty());
        ObjectNode percent = out.deepCopy();
        ((ObjectNode) percent.get("ogrs3Computed")).put("oneYear", 22.8);
        assertFalse(PUBLISHED.validate(percent).isEmpty(), "a probability, not a percentage");
        ObjectNode withoutFactors = view.publish(Payloads.write(ReferralRulesTest.referralData("2021-03-15",
                "1994-07-02")));
        withoutFactors.set("ogrs3Computed", out.get("ogrs3Computed"));
        assertFalse(PUBLISHED.validate(withoutFactors).isEmpty());
    }
}
