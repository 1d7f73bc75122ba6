package org.ete.eventkit.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** The checks every producing service's ingest ITs make, once. */
public final class IngestAssertions {
    public static final String CLOUDEVENT = "application/cloudevents+json";

    private IngestAssertions() {
    }

    /** POSTs one structured-mode CloudEvent to /v1/events. */
    public static Response post(Object event) {
        return given().contentType(CLOUDEVENT).body(event.toString()).when().post("/v1/events");
    }

    /** Posts {@code e} and expects 201 accepted. */
    public static void accepted(ObjectNode e) {
        post(e).then().statusCode(201).body("outcome", equalTo("accepted"));
    }

    /** The read side says the event was never accepted. */
    public static void assertNotStored(ObjectNode e) {
        given().queryParam("source", e.get("source").asText()).queryParam("id", e.get("id").asText())
                .when().get("/v1/events").then().statusCode(404).contentType("application/problem+json");
    }

    /** Posts {@code e}, expects the rule break as problem+json naming the rule and field, and nothing stored. */
    public static void assertRuleBroken(ObjectNode e, int status, String rule, String field) {
        post(e).then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", startsWith("https://"))
                .body("rule", equalTo(rule))
                .body("errors.field", hasItem(field))
                .body("errors.rule", hasItem(rule));
        assertNotStored(e);
    }
}
