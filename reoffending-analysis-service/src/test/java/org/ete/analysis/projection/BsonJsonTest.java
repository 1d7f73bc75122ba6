package org.ete.analysis.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The direct conversion gives what the JSON text route gives, value for value and type for type. */
class BsonJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    @Test
    void sameAsTheTextRoute() throws Exception {
        for (String text : List.of(
                "{}",
                "{\"referralDate\":\"2019-05-01\",\"setting\":\"community\",\"ageAtReferral\":29,\"ogrs3OneYearPercent\":35.5,"
                        + "\"ogrs3TwoYearPercent\":52.0,\"disability\":null,\"achieved\":true}",
                "{\"big\":12345678901,\"neg\":-7,\"zero\":0.0,\"e\":1.0E20,\"nested\":{\"a\":[1,\"x\",false,null,{\"b\":2.5}]}}",
                "{\"hoursPerWeek\":37.5,\"list\":[],\"empty\":{},\"unicode\":\"Åsa – naïve\"}")) {
            ObjectNode node = (ObjectNode) JSON.readTree(text);
            Document viaText = Document.parse(node.toString());
            Document direct = BsonJson.toDocument(node);
            assertEquals(viaText, direct, text);
            assertEquals(types(viaText), types(direct), text);
            assertEquals(JSON.readTree(viaText.toJson(RELAXED)), BsonJson.toJson(viaText), text);
            assertEquals(node, BsonJson.toJson(direct), text);
        }
    }

    @Test
    void whatItDoesNotCoverIsLeftToTheTextRoute() throws Exception {
        ObjectNode big = JSON.createObjectNode();
        big.put("n", new java.math.BigInteger("123456789012345678901234567890"));
        assertNull(BsonJson.toDocument(big));
        assertNull(BsonJson.toJson(new Document("d", new java.util.Date(0))));
        assertNull(BsonJson.toJson(new Document("nan", Double.NaN)));
    }

    /** The Java type of every value, depth first: Int32 and Int64 must stay what they were. */
    private static String types(Object v) {
        if (v instanceof Document d) {
            StringBuilder b = new StringBuilder("{");
            d.forEach((k, x) -> b.append(k).append(':').append(types(x)).append(','));
            return b.append('}').toString();
        }
        if (v instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[");
            list.forEach(x -> b.append(types(x)).append(','));
            return b.append(']').toString();
        }
        return v == null ? "null" : v.getClass().getSimpleName();
    }
}
