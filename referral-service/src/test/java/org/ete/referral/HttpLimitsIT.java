package org.ete.referral;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP limits platform/service-kit gives every service, on the referral service with low limits (a test profile
 * of its own): Quarkus's body limit answers 413 problem+json, a client over its rate gets 429 problem+json with
 * Retry-After while health, metrics and OpenAPI still answer, and CORS stays closed.
 */
@QuarkusTest
@TestProfile(HttpLimitsIT.LowLimits.class)
@WithTestResource(PlatformInfraResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpLimitsIT {
    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ete.rate-limit.requests-per-second", "1", "ete.rate-limit.burst", "5",
                    "quarkus.http.limits.max-body-size", "100K");
        }
    }

    @Test
    @Order(1)
    void aCrossOriginPreflightGetsNoAllowOrigin() {
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .when().options("/v1/events").then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    @Order(2)
    void aBodyOverQuarkussLimitIs413ProblemJson() {
        byte[] body = new byte[300 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        given().contentType("application/cloudevents-batch+json").body(body).when().post("/v1/events")
                .then().statusCode(413).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(413)).body("type", startsWith("https://"))
                .body("title", equalTo("Payload Too Large"));
    }

    @Test
    @Order(3)
    void aClientOverItsRateGets429ProblemJsonWithRetryAfterAndHealthMetricsOpenApiStillAnswer() {
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(given().queryParam("source", "urn:x").queryParam("id", "y").when().get("/v1/events"));
        }
        List<Response> limited = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertFalse(limited.isEmpty(), "20 requests at once exceed a burst of 5");
        assertTrue(answers.stream().anyMatch(r -> r.statusCode() == 404), "the first ones went through");
        Response r = limited.get(0);
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals(429, r.jsonPath().getInt("status"));
        assertEquals("Too Many Requests", r.jsonPath().getString("title"));
        long retryAfter = Long.parseLong(r.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 5, "Retry-After in whole seconds: " + retryAfter);
        // Exempt while the client's bucket is empty.
        for (int i = 0; i < 10; i++) {
            given().when().get("/q/health/ready").then().statusCode(200);
        }
        given().when().get("/q/openapi").then().statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("ete_http_rate_limited_total") && !l.endsWith(" 0.0")),
                "rejections counted");
    }
}
