package org.ete.eventkit.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds structured-mode CloudEvents for tests; every event gets a fresh id unless one is given. */
public final class CloudEvents {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String SOURCE = "urn:ete:test:partner";
    private static final AtomicInteger CRN_SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 400_000));

    private CloudEvents() {
    }

    /** A case reference no other test in this JVM uses. */
    public static String newCrn() {
        return "T" + String.format("%06d", CRN_SEQUENCE.incrementAndGet() % 1_000_000);
    }

    public static ObjectNode event(String type, String subject, ObjectNode data) {
        ObjectNode e = JSON.createObjectNode();
        e.put("specversion", "1.0");
        e.put("id", UUID.randomUUID().toString());
        e.put("source", SOURCE);
        e.put("type", type);
        e.put("subject", subject);
        e.put("time", "2024-01-01T10:00:00Z");
        e.set("data", data);
        return e;
    }

    public static ObjectNode data(Object... keyValues) {
        ObjectNode data = JSON.createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            data.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
        }
        return data;
    }

    public static String batch(List<ObjectNode> events) {
        ArrayNode array = JSON.createArrayNode();
        events.forEach(array::add);
        return array.toString();
    }
}
