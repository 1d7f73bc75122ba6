package org.ete.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.ete.testsupport.TestTokens;
import org.ete.tokens.Roles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authorisation matrix on the five packaged services: each endpoint of docs/authorisation-matrix.tsv, which must
 * be exactly the endpoints each running service lists in its own OpenAPI document, is called with no token, an
 * expired one, one signed by another key, {@code alg: none}, a tampered one, another issuer's, another audience's,
 * and a token of each role. Bad credentials on a protected endpoint are 401, a valid token without the role 403 (both
 * problem+json), the roles of the row get through (whatever the endpoint then says of the empty request, never a
 * 5xx); public rows and health, metrics, OpenAPI and the dashboard's files answer without a token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorisationMatrixIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path MATRIX = Path.of(System.getProperty("ete.root.dir", "..")).resolve("docs/authorisation-matrix.tsv");

    record Row(String service, String method, String path, Set<String> roles) {
        boolean isPublic() {
            return roles.contains("public");
        }
    }

    private Platform platform;
    private final Map<String, String> badCredentials = new LinkedHashMap<>();
    private final Map<String, String> roleTokens = new LinkedHashMap<>();

    @BeforeAll
    void start() throws IOException {
        platform = new Platform("authz-" + UUID.randomUUID().toString().substring(0, 8));
        badCredentials.put("no token", null);
        badCredentials.put("expired", TestTokens.expired());
        badCredentials.put("another key", TestTokens.wrongKey());
        badCredentials.put("alg none", TestTokens.algNone());
        badCredentials.put("tampered", TestTokens.tampered());
        badCredentials.put("another issuer", TestTokens.wrongIssuer());
        badCredentials.put("another audience", TestTokens.wrongAudience());
        badCredentials.put("not a JWT", "not-a-token");
        for (String role : Roles.ALL) {
            roleTokens.put(role, TestTokens.forRole(role));
        }
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    static List<Row> matrix() throws IOException {
        try (Stream<String> lines = Files.lines(MATRIX)) {
            return lines.filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t"))
                    .map(f -> new Row(f[0], f[1], f[2], Set.of(f[3].split(",")))).toList();
        }
    }

    @Test
    void theMatrixListsExactlyTheEndpointsEachServicePublishes() throws IOException {
        for (String service : Platform.SERVICES) {
            Response doc = RestAssured.given().accept("application/json").when()
                    .get(platform.url(service) + "/q/openapi?format=json");
            assertEquals(200, doc.statusCode(), service + " OpenAPI without a token");
            Set<String> published = new TreeSet<>();
            Iterator<Map.Entry<String, JsonNode>> paths = JSON.readTree(doc.asString()).path("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> p = paths.next();
                p.getValue().fieldNames().forEachRemaining(m -> {
                    if (Set.of("get", "post", "put", "delete", "patch", "head", "options").contains(m)) {
                        published.add(m.toUpperCase() + " " + p.getKey());
                    }
                });
            }
            Set<String> listed = new TreeSet<>(matrix().stream().filter(r -> r.service().equals(service))
                    .map(r -> r.method() + " " + r.path()).toList());
            assertEquals(published, listed, service + ": the matrix must list every endpoint the service publishes");
        }
    }

    @Test
    void everyEndpointGivesItsExpectedStatusForEveryCredential() throws IOException {
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Row row : matrix()) {
            for (Map.Entry<String, String> bad : badCredentials.entrySet()) {
                Response r = call(row, bad.getValue());
                calls++;
                if (row.isPublic()) {
                    expectThrough(row, bad.getKey(), r, wrong);
                } else if (r.statusCode() != 401 || !isProblem(r) || r.header("WWW-Authenticate") == null) {
                    wrong.add(describe(row, bad.getKey(), r, "401 problem+json with WWW-Authenticate"));
                }
            }
            for (Map.Entry<String, String> role : roleTokens.entrySet()) {
                Response r = call(row, role.getValue());
                calls++;
                if (row.isPublic() || row.roles().contains(role.getKey())) {
                    expectThrough(row, role.getKey(), r, wrong);
                } else if (r.statusCode() != 403 || !isProblem(r)) {
                    wrong.add(describe(row, role.getKey(), r, "403 problem+json"));
                }
            }
        }
        assertEquals(List.of(), wrong, "of " + calls + " calls");
        assertTrue(calls >= 25 * 12, "too few calls: " + calls);
    }

    @Test
    void healthMetricsOpenApiAndTheDashboardFilesNeedNoToken() {
        for (String service : Platform.SERVICES) {
            for (String path : List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi")) {
                // A stale token sent along does not close them either (authentication is lazy).
                assertEquals(200, RestAssured.given().when().get(platform.url(service) + path).statusCode(), service + path);
                assertEquals(200, RestAssured.given().auth().oauth2(TestTokens.expired()).when()
                        .get(platform.url(service) + path).statusCode(), service + path + " with an expired token");
            }
        }
        String analysis = platform.url("reoffending-analysis-service");
        for (String file : List.of("/dashboard/", "/dashboard/dashboard.js", "/dashboard/dashboard.css")) {
            assertEquals(200, RestAssured.given().when().get(analysis + file).statusCode(), file);
        }
        // The packaged service runs as production does: no local dashboard tokens.
        assertEquals(404, RestAssured.given().when().post(analysis + "/v1/local/dashboard-token").statusCode());
    }

    private Response call(Row row, String token) {
        RequestSpecification spec = RestAssured.given().redirects().follow(false);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        String url = platform.url(row.service()) + row.path()
                .replace("{caseReference}", "CRN-MATRIX-1")
                .replace("{type}", "ete.referral.received.v1")
                .replace("{id}", "no-such-dead-letter");
        if ("POST".equals(row.method())) {
            // An empty object: enough to pass the door, never a valid request, so nothing is written.
            return spec.contentType(row.path().equals("/v1/events") ? "application/cloudevents+json" : "application/json")
                    .body("{}").when().post(url);
        }
        return spec.when().request(row.method(), url);
    }

    private static void expectThrough(Row row, String who, Response r, List<String> wrong) {
        if (r.statusCode() == 401 || r.statusCode() == 403 || r.statusCode() >= 500) {
            wrong.add(describe(row, who, r, "through the door (not 401, 403 or 5xx)"));
        }
    }

    private static boolean isProblem(Response r) {
        return r.contentType() != null && r.contentType().startsWith("application/problem+json")
                && r.jsonPath().getInt("status") == r.statusCode();
    }

    private static String describe(Row row, String who, Response r, String expected) {
        return row.service() + " " + row.method() + " " + row.path() + " as " + who + ": expected " + expected
                + ", got " + r.statusCode() + " " + r.contentType() + " " + r.asString().substring(0, Math.min(160, r.asString().length()));
    }
}
