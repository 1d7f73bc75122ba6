package org.ete.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;

import java.util.UUID;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** CloudEvents as a partner posts them: structured JSON, from one source, to a producing service's batch endpoint. */
final class PartnerEvents {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String source;

    PartnerEvents(String source) {
        this.source = source;
    }

    /** The CloudEvents {@code source} of every event made here. */
    String source() {
        return source;
    }

    ObjectNode event(String type, String subject, ObjectNode data) {
        ObjectNode e = JSON.createObjectNode().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                .put("source", source).put("type", type).put("subject", subject);
        e.set("data", data);
        return e;
    }

    /** An event's data from alternating field names and values. */
    static ObjectNode data(Object... namesAndValues) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            n.set((String) namesAndValues[i], JSON.valueToTree(namesAndValues[i + 1]));
        }
        return n;
    }

    /** Posts {@code events} as one batch to the service at {@code serviceUrl}; none may be rejected. */
    static void post(String serviceUrl, ArrayNode events) {
        JsonPath r = given().contentType("application/cloudevents-batch+json").body(events.toString())
                .when().post(serviceUrl + "/v1/events").then().statusCode(200).extract().jsonPath();
        assertEquals(0, r.getInt("rejected"), serviceUrl + ": " + r.prettify());
    }
}
