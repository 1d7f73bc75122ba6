package org.ete.analysis.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/**
 * The dashboard's static files are served, hold no data, and reference only this service's API and the charting
 * webjar. That it draws the figures is checked in a browser by e2e-tests' SeedAcceptanceIT.
 */
@QuarkusTest
@QuarkusTestResource(PlatformInfraResource.class)
class DashboardIT {

    @Test
    void thePageItsScriptAndTheChartLibraryAreServed() {
        given().when().get("/dashboard/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("/webjars/echarts/5.3.1/dist/echarts.min.js"))
                .body(containsString("dashboard.js"));
        given().when().get("/dashboard/dashboard.js").then().statusCode(200)
                .body(containsString("/v1/reoffending?")).body(containsString("/v1/reoffending/alerts?"))
                .body(containsString("/v1/ete/outputs?")).body(containsString("/v1/academy/progression?"))
                .body(not(containsString("http://"))).body(not(containsString("https://")));
        given().when().get("/webjars/echarts/5.3.1/dist/echarts.min.js").then().statusCode(200)
                .body(containsString("echarts"));
    }
}
