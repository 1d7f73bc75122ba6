package org.ete.analysis.http;

import org.ete.testsupport.TestTokens;
import org.ete.tokens.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

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

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; "
            + "frame-ancestors 'none'";

    @TestHTTPResource("/dashboard/")
    URL dashboard;

    @Test
    void theDashboardsFilesCarryTheSecurityHeaders() {
        for (String file : List.of("/dashboard/", "/dashboard/index.html", "/dashboard/dashboard.js",
                "/dashboard/dashboard.css")) {
            given().when().get(file).then().statusCode(200)
                    .header("Content-Security-Policy", equalTo(CSP))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("X-Frame-Options", equalTo("DENY"))
                    .header("Referrer-Policy", equalTo("no-referrer"));
        }
    }

    @Test
    void aCrossOriginPreflightGetsNoAllowOrigin() {
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "GET")
                .when().options("/v1/reoffending").then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://elsewhere.example").when().get("/v1/reoffending")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    /**
     * Under its Content-Security-Policy the page still works in headless Chromium: the chart library and the script
     * load, the charts are drawn, every panel finishes, and the browser reports no CSP violation. (The seed figures it
     * shows are checked by e2e-tests' SeedAcceptanceIT; here the views may be empty.) Skipped without Chromium.
     */
    @Test
    void thePageDrawsUnderItsContentSecurityPolicyInHeadlessChromium() throws Exception {
        Path chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
                .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(chromium != null, "no Chromium on this machine");
        Path profile = Files.createTempDirectory("chromium-profile-");
        Path domFile = profile.resolve("dom.html");
        Path logFile = profile.resolve("console.log");
        Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile,
                "--virtual-time-budget=20000", "--dump-dom",
                // The page reads an analyst token from the fragment (never sent to the server), as an analyst opens it.
                dashboard + "#token=" + TestTokens.forRole(Roles.ANALYST))
                .redirectOutput(domFile.toFile()).redirectError(logFile.toFile()).start();
        boolean finished = browser.waitFor(2, TimeUnit.MINUTES);
        if (!finished) {
            browser.destroyForcibly();
        }
        assertTrue(finished, "Chromium finished within 2 minutes");
        String dom = Files.readString(domFile, StandardCharsets.UTF_8);
        String console = Files.readString(logFile, StandardCharsets.UTF_8);
        assertTrue(dom.contains("data-ready=\"true\""), "every panel drew or reported:\n" + dom);
        assertTrue(dom.contains("<canvas"), "ECharts drew on canvas:\n" + dom);
        assertFalse(console.contains("Content Security Policy") || console.contains("Refused to"),
                "no CSP violation:\n" + console);
    }
}
