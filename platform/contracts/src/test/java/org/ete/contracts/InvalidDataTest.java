package org.ete.contracts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The schemas reject what the contract says they must: unknown keys, bad types, bad enumerations, bad ranges. */
class InvalidDataTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static void rejected(EventType type, JsonNode data, String why) {
        List<Error> errors = ContractSchemas.validate(type, data);
        assertFalse(errors.isEmpty(), type.type() + " should reject (" + why + "): " + data);
    }

    private static void accepted(EventType type, JsonNode data) {
        List<Error> errors = ContractSchemas.validate(type, data);
        assertTrue(errors.isEmpty(), type.type() + " should accept " + data + ": " + errors);
    }

    private static JsonNode property(EventType type, String field) {
        return EventCatalogue.schema(type).get("properties").get(field);
    }

    private static List<String> fields(ObjectNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void rejectsAnUnknownField(EventType type) {
        rejected(type, ContractSchemas.firstExample(type).put("unexpected", "x"), "extra field");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void rejectsMongoOperatorAndDottedKeys(EventType type) {
        ObjectNode where = ContractSchemas.firstExample(type);
        where.putObject("$where").put("$gt", "");
        rejected(type, where, "$where key");
        rejected(type, ContractSchemas.firstExample(type).put("$set", 1), "$set key");
        rejected(type, ContractSchemas.firstExample(type).put("a.b", "x"), "dotted key");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void rejectsAnythingButAnObject(EventType type) {
        rejected(type, F.arrayNode().add(ContractSchemas.firstExample(type)), "array");
        rejected(type, F.textNode("x"), "string");
        rejected(type, F.nullNode(), "null");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void rejectsEachMissingRequiredField(EventType type) {
        for (JsonNode r : EventCatalogue.schema(type).get("required")) {
            ObjectNode data = ContractSchemas.firstExample(type);
            data.remove(r.asText());
            rejected(type, data, "missing " + r.asText());
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void rejectsEachFieldWithTheWrongType(EventType type) {
        ObjectNode example = ContractSchemas.firstExample(type);
        for (String field : fields(example)) {
            JsonNode value = example.get(field);
            List<JsonNode> wrong = new ArrayList<>();
            if (value.isTextual()) {
                wrong.add(F.numberNode(12345));
                wrong.add(F.booleanNode(true));
            } else if (value.isNumber()) {
                wrong.add(F.textNode(value.asText()));
            } else if (value.isBoolean()) {
                wrong.add(F.textNode(value.asText()));
                wrong.add(F.numberNode(1));
            } else if (value.isObject()) {
                wrong.add(F.textNode("x"));
            }
            wrong.add(F.nullNode());
            wrong.add(F.arrayNode().add(value));
            for (JsonNode w : wrong) {
                ObjectNode data = ContractSchemas.firstExample(type);
                data.set(field, w);
                rejected(type, data, field + " = " + w);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void rejectsValuesOutsideEachEnumeration(EventType type) {
        ObjectNode example = ContractSchemas.firstExample(type);
        for (String field : fields(example)) {
            JsonNode p = property(type, field);
            if (!p.has("enum")) {
                continue;
            }
            String valid = p.get("enum").get(0).asText();
            for (String bad : List.of("not-a-value", valid.toUpperCase(), " " + valid, valid.replace('-', '_') + "_x", "")) {
                rejected(type, ContractSchemas.firstExample(type).put(field, bad), field + " = " + bad);
            }
            for (JsonNode ok : p.get("enum")) {
                accepted(type, ContractSchemas.firstExample(type).put(field, ok.asText()));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void rejectsMalformedDates(EventType type) {
        for (String field : type.dateFields()) {
            for (String bad : List.of("2021-3-1", "15/03/2021", "2021-02-30", "2021-13-01", "2021-03-15T00:00:00Z",
                    "20210315", "")) {
                rejected(type, ContractSchemas.firstExample(type).put(field, bad), field + " = " + bad);
            }
            accepted(type, ContractSchemas.firstExample(type).put(field, "2020-02-29"));
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void rejectsEmptyAndOverlongPlainStrings(EventType type) {
        Iterator<Map.Entry<String, JsonNode>> it = EventCatalogue.schema(type).get("properties").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue();
            if (!"string".equals(p.path("type").asText()) || p.has("enum") || p.has("format")) {
                continue;
            }
            int max = p.get("maxLength").asInt();
            rejected(type, ContractSchemas.firstExample(type).put(e.getKey(), ""), e.getKey() + " empty");
            rejected(type, ContractSchemas.firstExample(type).put(e.getKey(), "a".repeat(max + 1)), e.getKey() + " too long");
            if (!p.has("pattern")) {
                accepted(type, ContractSchemas.firstExample(type).put(e.getKey(), "a".repeat(max)));
            }
        }
    }

    // ---- referral received: the OGRS3 alternatives ----

    private static ObjectNode withFactors() {
        return ContractSchemas.firstExample(EventType.REFERRAL_RECEIVED);
    }

    private static ObjectNode withScores() {
        ObjectNode d = withFactors();
        d.remove("ogrs3Factors");
        d.put("ogrs3OneYearPercent", 35.6).put("ogrs3TwoYearPercent", 51.0);
        return d;
    }

    @Test
    void referralAcceptsScoresOrFactorsAndOptionalDisability() {
        accepted(EventType.REFERRAL_RECEIVED, withFactors());
        accepted(EventType.REFERRAL_RECEIVED, withScores());
        accepted(EventType.REFERRAL_RECEIVED, withScores().put("ogrs3OneYearPercent", 0).put("ogrs3TwoYearPercent", 100));
        ObjectNode noDisability = withScores();
        noDisability.remove("disability");
        accepted(EventType.REFERRAL_RECEIVED, noDisability);
    }

    @Test
    void referralRejectsNeitherBothOrHalfOfTheScores() {
        EventType t = EventType.REFERRAL_RECEIVED;
        ObjectNode neither = withFactors();
        neither.remove("ogrs3Factors");
        rejected(t, neither, "neither scores nor factors");
        ObjectNode both = withScores();
        both.set("ogrs3Factors", withFactors().get("ogrs3Factors"));
        rejected(t, both, "scores and factors");
        ObjectNode oneOnly = withScores();
        oneOnly.remove("ogrs3TwoYearPercent");
        rejected(t, oneOnly, "one-year score only");
        ObjectNode twoOnly = withScores();
        twoOnly.remove("ogrs3OneYearPercent");
        rejected(t, twoOnly, "two-year score only");
        ObjectNode factorsAndOne = withFactors().put("ogrs3OneYearPercent", 20);
        rejected(t, factorsAndOne, "factors and a one-year score");
        ObjectNode factorsAndTwo = withFactors().put("ogrs3TwoYearPercent", 20);
        rejected(t, factorsAndTwo, "factors and a two-year score");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 100.01, 1000})
    void referralRejectsScoresOutOfRange(double percent) {
        rejected(EventType.REFERRAL_RECEIVED, withScores().put("ogrs3OneYearPercent", percent), "one-year " + percent);
        rejected(EventType.REFERRAL_RECEIVED, withScores().put("ogrs3TwoYearPercent", percent), "two-year " + percent);
    }

    @Test
    void referralChecksTheFactors() {
        EventType t = EventType.REFERRAL_RECEIVED;
        String[][] bad = {
            {"sanctions", "0"}, {"sanctions", "-1"}, {"sanctions", "201"}, {"sanctions", "2.5"},
            {"ageAtFirstSanction", "9"}, {"ageAtFirstSanction", "101"}, {"ageAtFirstSanction", "15.5"},
            {"ageAtCurrentConviction", "9"}, {"ageAtCurrentConviction", "101"}, {"ageAtCurrentConviction", "\"24\""},
        };
        for (String[] b : bad) {
            ObjectNode d = withFactors();
            ((ObjectNode) d.get("ogrs3Factors")).set(b[0], ContractSchemas.json("{\"v\":" + b[1] + "}").get("v"));
            rejected(t, d, b[0] + " = " + b[1]);
        }
        for (String field : List.of("sanctions", "ageAtFirstSanction", "ageAtCurrentConviction")) {
            ObjectNode d = withFactors();
            ((ObjectNode) d.get("ogrs3Factors")).remove(field);
            rejected(t, d, "factors without " + field);
        }
        ObjectNode extra = withFactors();
        ((ObjectNode) extra.get("ogrs3Factors")).put("$where", "1");
        rejected(t, extra, "extra key in ogrs3Factors");
        ObjectNode edges = withFactors();
        ((ObjectNode) edges.get("ogrs3Factors")).put("sanctions", 200).put("ageAtFirstSanction", 10)
                .put("ageAtCurrentConviction", 100);
        accepted(t, edges);
        // a single sanction with an earlier first one is well-formed: the referral service refuses it
        // (rule single-sanction-first-is-current), as it does a first sanction after the current one
        ObjectNode singleButEarlier = withFactors();
        ((ObjectNode) singleButEarlier.get("ogrs3Factors")).put("sanctions", 1).put("ageAtFirstSanction", 15)
                .put("ageAtCurrentConviction", 26);
        accepted(t, singleButEarlier);
    }

    @Test
    void aPartnerCannotSendTheComputedScore() {
        // ogrs3Computed is what the referral service computed (the published shape only), never partner input
        ObjectNode d = withFactors();
        d.putObject("ogrs3Computed").put("oneYear", 0.2).put("twoYear", 0.3).put("coefficientsVersion", "ogrs3-2026-12-02");
        rejected(EventType.REFERRAL_RECEIVED, d, "ogrs3Computed from a partner");
        assertFalse(EventCatalogue.schema(EventType.REFERRAL_RECEIVED).path("properties").has("ogrs3Computed"));
    }

    // ---- other numeric rules ----

    @Test
    void hoursPerWeekIsAPositiveNumberUpTo100() {
        EventType t = EventType.JOB_STARTED;
        for (double ok : new double[] {0.5, 16, 37.5, 100}) {
            accepted(t, ContractSchemas.firstExample(t).put("hoursPerWeek", ok));
        }
        for (double bad : new double[] {0, -1, 100.01, 168}) {
            rejected(t, ContractSchemas.firstExample(t).put("hoursPerWeek", bad), "hoursPerWeek " + bad);
        }
    }

    @Test
    void sicknessDaysIsAnIntegerFrom1To366() {
        EventType t = EventType.SICKNESS_RECORDED;
        accepted(t, ContractSchemas.firstExample(t).put("days", 1));
        accepted(t, ContractSchemas.firstExample(t).put("days", 366));
        for (double bad : new double[] {0, 367, -3, 2.5}) {
            rejected(t, ContractSchemas.firstExample(t).put("days", bad), "days " + bad);
        }
    }

    @Test
    void optionalReasonsMayBeLeftOut() {
        for (EventType t : List.of(EventType.COURSE_WITHDRAWN, EventType.JOB_ENDED, EventType.MENTOR_WITHDREW,
                EventType.EMPLOYEE_LEFT)) {
            ObjectNode d = ContractSchemas.firstExample(t);
            d.remove("reason");
            accepted(t, d);
        }
        ObjectNode closed = ContractSchemas.firstExample(EventType.REFERRAL_CLOSED);
        closed.remove("reason");
        rejected(EventType.REFERRAL_CLOSED, closed, "closed needs a reason");
    }

    @Test
    void alertsCheckTheirNumbersAndTimestamp() {
        for (EventType t : List.of(EventType.ALERT_RAISED, EventType.ALERT_CLEARED)) {
            rejected(t, ContractSchemas.firstExample(t).put("observed", -1), "observed < 0");
            rejected(t, ContractSchemas.firstExample(t).put("observed", 1.5), "observed not an integer");
            rejected(t, ContractSchemas.firstExample(t).put("expected", 0), "expected 0");
            rejected(t, ContractSchemas.firstExample(t).put("ratio", -0.1), "ratio < 0");
            rejected(t, ContractSchemas.firstExample(t).put("by", "Team"), "by not lower-case-hyphen");
            rejected(t, ContractSchemas.firstExample(t).put("cohort", "found work"), "cohort with a space");
            rejected(t, ContractSchemas.firstExample(t).put("raisedAt", "2023-03-31"), "raisedAt a date");
            rejected(t, ContractSchemas.firstExample(t).put("raisedAt", "2023-03-31 06:00:00"), "raisedAt no T");
            accepted(t, ContractSchemas.firstExample(t).put("raisedAt", "2023-03-31T06:00:00.123+01:00"));
            accepted(t, ContractSchemas.firstExample(t).put("by", "contract-area").put("cohort", "sustained-work"));
        }
    }
}
