package org.ete.analysis.http;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/**
 * The dashboard's static files are served, hold no data, and reference only this service's API and the charting
 * webjar. That it draws the figures is checked in a browser by e2e-tests' SeedAcceptanceIT.
 */
@QuarkusTest
@WithTestResource(PlatformInfraResource.class)
class DashboardIT {

    @Test
    void thePageItsScriptAndTheChartLibraryAreServed() {
        String page = given().when().get("/dashboard/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("dashboard.js")).extract().asString();
        // The chart library is whatever webjar version the page names: bumping the dependency without the page fails here.
        Matcher library = Pattern.compile("src=\"(/webjars/echarts/[^\"]+/echarts\\.min\\.js)\"").matcher(page);
        assertTrue(library.find(), page);
        given().when().get(library.group(1)).then().statusCode(200).body(containsString("echarts"));
        given().when().get("/dashboard/dashboard.js").then().statusCode(200)
                .body(containsString("/v1/reoffending?")).body(containsString("/v1/reoffending/alerts?"))
                .body(containsString("/v1/ete/outputs?")).body(containsString("/v1/academy/progression?"))
                .body(not(containsString("http://"))).body(not(containsString("https://")));
    }
}
