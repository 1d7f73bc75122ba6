package org.ete.analysis.dashboard.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.ete.testsupport.PlatformInfraResource;
import org.ete.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local run's dashboard token, switched on as ./run.sh does: anyone who reaches the page gets an analyst token
 * that the service's own verification accepts for the views and refuses for operations. (Off, the endpoint is 404:
 * e2e-tests' AuthorisationMatrixIT checks that on the packaged service.)
 */
@QuarkusTest
@TestProfile(LocalTokenIT.LocalRun.class)
@WithTestResource(PlatformInfraResource.class)
class LocalTokenIT {
    public static class LocalRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ete.dashboard.local-token.enabled", "true",
                    "ete.dashboard.local-token.private-key-location", TestTokens.privateKeyFile().toString());
        }
    }

    @Test
    void thePageGetsAnAnalystTokenThatOpensTheViewsAndNothingElse() {
        var minted = RestAssured.given().when().post("/v1/local/dashboard-token").then().statusCode(200).extract();
        String token = minted.path("token");
        assertTrue(token != null && token.split("\\.").length == 3, "a JWT: " + minted.asString());
        assertEquals(8 * 3600, minted.<Integer>path("expiresIn"));
        RestAssured.given().auth().oauth2(token).queryParam("from", "2019-04-01").queryParam("to", "2020-03-31")
                .when().get("/v1/ete/outputs").then().statusCode(200);
        RestAssured.given().auth().oauth2(token).when().get("/v1/admin/projections").then().statusCode(403);
        RestAssured.given().auth().oauth2(token).when().get("/v1/privacy/audit").then().statusCode(403);
    }
}
