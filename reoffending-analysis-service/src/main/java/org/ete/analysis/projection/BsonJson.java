package org.ete.analysis.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A fact's data between Jackson and BSON without a detour through JSON text: the same values as
 * {@code Document.parse(node.toString())} and {@code mapper.readTree(document.toJson(RELAXED))} give (ints as Int32, a
 * long beyond int as Int64, a whole-number long that fits an int read back as an int), for the JSON values facts hold.
 * Anything else (a big integer or decimal, a non-finite double, a BSON type JSON has no plain form for) answers null,
 * and the caller takes the text route.
 */
final class BsonJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BsonJson() {
    }

    /** The document of {@code node}, or null if it holds a value this conversion does not cover. */
    static Document toDocument(ObjectNode node) {
        Document d = new Document();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Object v = toBson(e.getValue());
            if (v == Unsupported.VALUE) {
                return null;
            }
            d.append(e.getKey(), v);
        }
        return d;
    }

    /** The JSON object of {@code document}, or null if it holds a value this conversion does not cover. */
    static ObjectNode toJson(Document document) {
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, Object> e : document.entrySet()) {
            JsonNode v = toNode(e.getValue());
            if (v == null) {
                return null;
            }
            out.set(e.getKey(), v);
        }
        return out;
    }

    private enum Unsupported { VALUE }

    private static Object toBson(JsonNode n) {
        switch (n.getNodeType()) {
            case STRING:
                return n.textValue();
            case BOOLEAN:
                return n.booleanValue();
            case NULL:
                return null;
            case NUMBER:
                if (n.isInt()) {
                    return n.intValue();
                }
                if (n.isLong()) {
                    long l = n.longValue();
                    return l == (int) l ? (Object) (int) l : (Object) l; // JSON text in int range parses as Int32
                }
                if (n.isDouble() && Double.isFinite(n.doubleValue())) {
                    return n.doubleValue();
                }
                return Unsupported.VALUE;
            case OBJECT:
                Document d = toDocument((ObjectNode) n);
                return d == null ? Unsupported.VALUE : d;
            case ARRAY:
                List<Object> list = new ArrayList<>(n.size());
                for (JsonNode item : n) {
                    Object v = toBson(item);
                    if (v == Unsupported.VALUE) {
                        return v;
                    }
                    list.add(v);
                }
                return list;
            default:
                return Unsupported.VALUE;
        }
    }

    private static JsonNode toNode(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof String s) {
            return NODES.textNode(s);
        }
        if (v instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (v instanceof Long l) {
            return l == l.intValue() ? NODES.numberNode(l.intValue()) : NODES.numberNode(l);
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? NODES.numberNode(d) : null;
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Document d) {
            return toJson(d);
        }
        if (v instanceof List<?> list) {
            ArrayNode out = NODES.arrayNode(list.size());
            for (Object item : list) {
                JsonNode n = toNode(item);
                if (n == null) {
                    return null;
                }
                out.add(n);
            }
            return out;
        }
        return null;
    }
}
