package org.ete.eventkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.Service;
import io.restassured.RestAssured;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.TestTokens;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile-input suite every producing service runs (a service's IT extends it): malformed, oversized, wrongly
 * typed, injection-shaped, unicode-tricked, out-of-range and out-of-rule events. Each must get a 4xx
 * problem+json whose status matches, nothing stored, nothing published, and the service must stay healthy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class HostileInputSuite {
    /**
     * One hostile request: a name for the report, the raw body, its content type, the event id it carries, the
     * headers it sends besides (binary mode: the ce-* attributes) and, if known, the field its problem must name.
     */
    public record HostileCase(String name, byte[] body, String contentType, String id, Map<String, String> headers,
                              String field) {
        public HostileCase(String name, byte[] body, String contentType, String id) {
            this(name, body, contentType, id, Map.of(), null);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Stands in for the JSON escape \\ud800 until serialised: Java cannot write a lone surrogate to UTF-8. */
    private static final String LONE_SURROGATE = "__lone_surrogate__";

    private final Set<String> sentIds = new HashSet<>();

    /**
     * Valid events of this service, one per event type, each with a fresh id and every optional field present;
     * the first must be accepted on its own (it is posted at the end to show the service still works).
     */
    protected abstract List<ObjectNode> validEvents();

    protected ObjectNode validEvent() {
        return validEvents().get(0);
    }

    /** The topic the service publishes to: the contract's topic of the service under test ({@code ete.service.name}). */
    protected String topic() {
        String service = ConfigProvider.getConfig().getValue("ete.service.name", String.class);
        return Service.fromId(service).orElseThrow().topic();
    }

    /** Kafka bootstrap servers of the test infrastructure. */
    protected String bootstrapServers() {
        return PlatformInfra.start().kafkaBootstrapServers();
    }

    /** Events that are well formed but break a domain rule of this service (409/422). */
    protected abstract List<ObjectNode> ruleBreakers();

    public Stream<HostileCase> hostileCases() {
        List<HostileCase> cases = new ArrayList<>();
        bodyLevel(cases);
        envelope(cases);
        binary(cases);
        data(cases);
        for (ObjectNode e : ruleBreakers()) {
            cases.add(single("out-of-rule " + e.get("type").asText(), e));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("hostileCases")
    @Order(1)
    void isRejectedWithAProblemAndNothingIsStored(HostileCase c) {
        Response r = given().contentType(c.contentType()).headers(c.headers()).body(c.body()).when().post("/v1/events");
        int status = r.statusCode();
        assertTrue(status >= 400 && status < 500, c.name() + " answered " + status + ": " + r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), c.name() + ": " + r.contentType());
        assertEquals(status, r.jsonPath().getInt("status"), "problem status equals the HTTP status");
        assertTrue(r.jsonPath().getString("type") != null && r.jsonPath().getString("title") != null);
        if (status == 400 || status == 422) {
            assertTrue(r.jsonPath().getList("errors") != null || r.jsonPath().getString("rule") != null,
                    c.name() + " names no field or rule: " + r.asString());
        }
        if (c.field() != null) {
            List<String> fields = r.jsonPath().getList("errors.field");
            assertTrue(fields != null && fields.contains(c.field()), c.name() + " should name " + c.field() + ": "
                    + r.asString());
        }
        if (c.id() != null) {
            sentIds.add(c.id());
            given().queryParam("source", CloudEvents.SOURCE).queryParam("id", c.id()).when().get("/v1/events")
                    .then().statusCode(404);
        }
    }

    /** Runs after every case (the application is still up then, unlike in an @AfterAll). */
    @Test
    @Order(2)
    void nothingWasPublishedAndTheServiceIsHealthy() {
        assertTrue(sentIds.size() >= 50, "the suite sent too few identifiable events: " + sentIds.size());
        List<TopicProbe.Published> leaked = TopicProbe.readAll(bootstrapServers(), topic(), p -> sentIds.contains(p.id()));
        assertEquals(List.of(), leaked, "hostile events reached the topic");
        given().when().get("/q/health/ready").then().statusCode(200);
        // and a valid event is still accepted
        given().contentType("application/cloudevents+json").body(validEvent().toString()).when().post("/v1/events")
                .then().statusCode(201);
    }

    /**
     * No partner can forge another's events: an event whose {@code source} the token does not list is a 403
     * problem naming {@code /source}; in a batch, that item alone is rejected; a partner token without the
     * {@code sources} claim may post nothing; no token at all is a 401. None of them is stored.
     */
    @Test
    @Order(1)
    void onlyTheSourcesATokenListsMayBePosted() {
        ObjectNode forged = validEvent();
        forged.put("source", "urn:ete:another-partner");
        Response single = RestAssured.given().auth().oauth2(TestTokens.partner(CloudEvents.SOURCE))
                .contentType("application/cloudevents+json").body(forged.toString()).when().post("/v1/events");
        assertEquals(403, single.statusCode(), single.asString());
        assertTrue(single.contentType().startsWith("application/problem+json"), single.contentType());
        assertEquals(403, single.jsonPath().getInt("status"));
        assertEquals("/source", single.jsonPath().getString("errors[0].field"), single.asString());
        given().queryParam("source", "urn:ete:another-partner").queryParam("id", forged.get("id").asText())
                .when().get("/v1/events").then().statusCode(404);

        ObjectNode noClaim = validEvent();
        Response unlisted = RestAssured.given().auth().oauth2(TestTokens.partner())
                .contentType("application/cloudevents+json").body(noClaim.toString()).when().post("/v1/events");
        assertEquals(403, unlisted.statusCode(), "a partner token without a sources claim: " + unlisted.asString());

        Response anonymous = RestAssured.given().contentType("application/cloudevents+json").body(noClaim.toString())
                .when().post("/v1/events");
        assertEquals(401, anonymous.statusCode(), anonymous.asString());
        assertTrue(anonymous.contentType().startsWith("application/problem+json"), anonymous.contentType());
        given().queryParam("source", CloudEvents.SOURCE).queryParam("id", noClaim.get("id").asText())
                .when().get("/v1/events").then().statusCode(404);

        ObjectNode granted = validEvent();
        ObjectNode forgedInBatch = validEvent();
        forgedInBatch.put("source", "urn:ete:another-partner");
        Response batch = RestAssured.given().auth().oauth2(TestTokens.partner(CloudEvents.SOURCE))
                .contentType("application/cloudevents-batch+json").body("[" + forgedInBatch + "," + granted + "]")
                .when().post("/v1/events");
        assertEquals(200, batch.statusCode(), batch.asString());
        assertEquals("rejected", batch.jsonPath().getString("results[0].outcome"), batch.asString());
        assertEquals(403, batch.jsonPath().getInt("results[0].problem.status"), batch.asString());
        assertEquals("accepted", batch.jsonPath().getString("results[1].outcome"), batch.asString());
        given().queryParam("source", "urn:ete:another-partner").queryParam("id", forgedInBatch.get("id").asText())
                .when().get("/v1/events").then().statusCode(404);
    }

    /**
     * Binary mode (ce-* headers, the data as the body, as the official SDKs send by default) is accepted like
     * structured mode; a repeat is a duplicate; the partner's {@code time} is kept and published as {@code ce_time},
     * the record time in its own extension. An event without {@code time} is published with the record time.
     */
    @Test
    @Order(3)
    void aBinaryModeEventIsAcceptedAndItsTimeIsPublishedAsCeTime() {
        ObjectNode e = validEvent();
        e.put("time", "2024-01-01T10:00:00+01:00");
        Map<String, String> headers = binaryHeaders(e);
        String body = e.get("data").toString();
        given().contentType("application/json").headers(headers).body(body).when().post("/v1/events")
                .then().statusCode(201).body("outcome", org.hamcrest.Matchers.equalTo("accepted"));
        given().contentType("application/json").headers(headers).body(body).when().post("/v1/events")
                .then().statusCode(200).body("duplicate", org.hamcrest.Matchers.equalTo(true));
        String id = e.get("id").asText();
        Response summary = given().queryParam("source", CloudEvents.SOURCE).queryParam("id", id).when().get("/v1/events");
        summary.then().statusCode(200).body("time", org.hamcrest.Matchers.equalTo("2024-01-01T10:00:00+01:00"));
        // Compared as JSON trees: RestAssured's JSON path reads 37.5 as a float, the event holds a double.
        try {
            assertEquals(e.get("data"), CloudEvents.JSON.readTree(summary.asString()).get("data"), "the data as posted");
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }

        ObjectNode untimed = validEvents().get(0);
        untimed.remove("time");
        given().contentType("application/cloudevents+json").body(untimed.toString()).when().post("/v1/events")
                .then().statusCode(201);
        String untimedId = untimed.get("id").asText();

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            List<TopicProbe.Published> published = TopicProbe.readAll(bootstrapServers(), topic(),
                    p -> id.equals(p.id()) || untimedId.equals(p.id()));
            assertEquals(2, published.size(), "each event published once");
            TopicProbe.Published timed = published.stream().filter(p -> id.equals(p.id())).findFirst().orElseThrow();
            assertEquals(java.time.OffsetDateTime.parse("2024-01-01T10:00:00+01:00").toInstant(),
                    java.time.OffsetDateTime.parse(timed.header("ce_time")).toInstant(), "the partner's time as ce_time");
            String recordedAt = timed.header("ce_" + org.ete.contracts.CloudEventExtensions.RECORDED_AT);
            assertTrue(recordedAt != null, "the record time in its own extension");
            assertNotEquals(timed.header("ce_time"), recordedAt);
            assertEquals(e.get("type").asText(), timed.type());
            TopicProbe.Published plain = published.stream().filter(p -> untimedId.equals(p.id())).findFirst().orElseThrow();
            assertEquals(java.time.Instant.parse(plain.header("ce_" + org.ete.contracts.CloudEventExtensions.RECORDED_AT)),
                    java.time.OffsetDateTime.parse(plain.header("ce_time")).toInstant(),
                    "without a partner time, ce_time is the record time");
        });
    }

    /** The binary-mode headers of a structured-mode event: ce-* for each attribute but data; trace context as is. */
    protected static Map<String, String> binaryHeaders(ObjectNode event) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Iterator<String> it = event.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals("data")) {
                headers.put(name.startsWith("trace") ? name : "ce-" + name, event.get(name).asText());
            }
        }
        return headers;
    }

    // --- the cases -------------------------------------------------------------------------------------------

    private void bodyLevel(List<HostileCase> cases) {
        String valid = validEvent().toString();
        raw(cases, "empty body", "");
        raw(cases, "json null", "null");
        raw(cases, "json array as a single event", "[" + valid + "]");
        raw(cases, "json number", "42");
        raw(cases, "json string", "\"event\"");
        raw(cases, "truncated object", valid.substring(0, valid.length() / 2));
        raw(cases, "trailing garbage", valid + "}}");
        raw(cases, "two objects", valid + valid);
        raw(cases, "single quotes", valid.replace('"', '\''));
        raw(cases, "comment", "/* hi */" + valid);
        raw(cases, "NaN literal", valid.replaceFirst("\"specversion\"", "\"x\":NaN,\"specversion\""));
        raw(cases, "duplicate key", valid.replaceFirst("\\{", "{\"id\":\"dup-" + UUID.randomUUID() + "\","));
        raw(cases, "deep nesting in data", valid.replaceFirst("\"data\":\\{", "\"data\":{\"deep\":" + "[".repeat(200)
                + "]".repeat(200) + ","));
        raw(cases, "number with 1000 digits", valid.replaceFirst("\\{", "{\"n\":" + "9".repeat(1000) + ","));
        raw(cases, "1e400", valid.replaceFirst("\\{", "{\"n\":1e400,"));
        cases.add(new HostileCase("invalid UTF-8", concat(valid.substring(0, 20).getBytes(StandardCharsets.UTF_8),
                new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF}), "application/cloudevents+json", null));
        ObjectNode huge = validEvent();
        ((ObjectNode) huge.get("data")).put("padding", "x".repeat(70_000));
        cases.add(single("event over 64 KiB", huge));
        cases.add(new HostileCase("batch body as single event", ("[" + valid + "]").getBytes(StandardCharsets.UTF_8),
                "application/cloudevents+json", null));
        cases.add(new HostileCase("batch that is not an array", valid.getBytes(StandardCharsets.UTF_8),
                "application/cloudevents-batch+json", null));
        ArrayNode tooMany = CloudEvents.JSON.createArrayNode();
        for (int i = 0; i < 10_001; i++) {
            tooMany.add(CloudEvents.JSON.createObjectNode());
        }
        cases.add(new HostileCase("batch of 10,001 events", tooMany.toString().getBytes(StandardCharsets.UTF_8),
                "application/cloudevents-batch+json", null));
        cases.add(new HostileCase("text/plain", valid.getBytes(StandardCharsets.UTF_8), "text/plain", null));
        cases.add(new HostileCase("xml", "<event/>".getBytes(StandardCharsets.UTF_8), "application/xml", null));
    }

    private void envelope(List<HostileCase> cases) {
        for (String attribute : List.of("specversion", "id", "source", "type", "subject", "data")) {
            mutate(cases, "missing " + attribute, e -> e.remove(attribute));
            mutate(cases, attribute + " is null", e -> e.putNull(attribute));
            mutate(cases, attribute + " is a number", e -> e.put(attribute, 12));
            mutate(cases, attribute + " is a boolean", e -> e.put(attribute, true));
            mutate(cases, attribute + " is an array", e -> e.set(attribute, CloudEvents.JSON.createArrayNode()));
            if (!attribute.equals("data")) {
                mutate(cases, attribute + " is an object", e -> e.set(attribute, CloudEvents.JSON.createObjectNode()));
                mutate(cases, attribute + " is an operator object", e -> e.set(attribute,
                        CloudEvents.JSON.createObjectNode().put("$gt", "")));
            }
        }
        mutate(cases, "specversion 0.3", e -> e.put("specversion", "0.3"));
        mutate(cases, "specversion 2.0", e -> e.put("specversion", "2.0"));
        mutate(cases, "empty id", e -> e.put("id", ""));
        mutate(cases, "id of 201 characters", e -> e.put("id", "i".repeat(201)));
        mutate(cases, "empty source", e -> e.put("source", ""));
        mutate(cases, "source of 501 characters", e -> e.put("source", "urn:" + "s".repeat(497)));
        mutate(cases, "source not a URI", e -> e.put("source", "not a uri with spaces"));
        mutate(cases, "source with bad IPv6", e -> e.put("source", "http://[bad"));
        mutate(cases, "unknown type", e -> e.put("type", "ete.unknown.happened.v1"));
        mutate(cases, "type of another service", e -> e.put("type", otherServiceType(e.get("type").asText())));
        mutate(cases, "type upper-case", e -> e.put("type", e.get("type").asText().toUpperCase()));
        mutate(cases, "type with a version that does not exist", e -> e.put("type",
                e.get("type").asText().replace(".v1", ".v9")));
        org.ete.contracts.SubjectKind kind = EventCatalogue.require(validEvent().get("type").asText()).subjectKind();
        for (String subject : java.util.stream.Stream.of("", "x123456", "X12345", "X1234567", "X123456 ", " X123456", "X12345\n",
                "X１２３４５６", "X123456' OR 1=1", "{\"$gt\":\"\"}", "../../etc/passwd", "X123456\u0000",
                "s".repeat(201), "A-\u202EB", "ab", "CAND_0001", "cand-0001").filter(x -> !kind.matches(x)).toList()) {
            mutate(cases, "subject '" + printable(subject) + "'", e -> e.put("subject", subject));
        }
        for (String time : List.of("yesterday", "2021-13-01T00:00:00Z", "2021-01-01", "2021-01-01T25:00:00Z",
                "1610000000")) {
            mutate(cases, "time '" + time + "'", e -> e.put("time", time));
        }
        mutate(cases, "datacontenttype text/plain", e -> e.put("datacontenttype", "text/plain"));
        mutate(cases, "datacontenttype xml", e -> e.put("datacontenttype", "application/xml"));
        for (String extra : List.of("$where", "data_base64", "partnerNote", "dataSchema", "Subject", "$set", "a.b")) {
            mutate(cases, "extra attribute " + extra, e -> e.put(extra, "x"));
        }
        mutate(cases, "traceparent malformed", e -> e.put("traceparent", "00-xyz"));
        mutate(cases, "traceparent wrong length", e -> e.put("traceparent", "00-" + "a".repeat(32) + "-" + "b".repeat(15) + "-01"));
        mutate(cases, "data is a string", e -> e.put("data", "{}"));
        mutate(cases, "data is empty", e -> e.set("data", CloudEvents.JSON.createObjectNode()));
    }

    /** Binary mode: the same envelope rules, the attribute named by the field its header stands for. */
    private void binary(List<HostileCase> cases) {
        binaryHeader(cases, "ce-time 'yesterday'", "/time", h -> h.put("ce-time", "yesterday"));
        binaryHeader(cases, "ce-time '2021-13-01T00:00:00Z'", "/time", h -> h.put("ce-time", "2021-13-01T00:00:00Z"));
        binaryHeader(cases, "unknown header ce-xyz", "/xyz", h -> h.put("ce-xyz", "1"));
        binaryHeader(cases, "unknown header ce-partnernote", "/partnernote", h -> h.put("ce-partnernote", "x"));
        for (String attribute : List.of("specversion", "id", "source", "type", "subject")) {
            binaryHeader(cases, "missing ce-" + attribute, "/" + attribute, h -> h.remove("ce-" + attribute));
        }
        binaryHeader(cases, "ce-specversion 0.3", "/specversion", h -> h.put("ce-specversion", "0.3"));
        binaryHeader(cases, "ce-type unknown", "/type", h -> h.put("ce-type", "ete.unknown.happened.v1"));
        binaryHeader(cases, "ce-source not a URI", "/source", h -> h.put("ce-source", "not a uri"));
        binaryHeader(cases, "ce-subject not a case reference", "/subject", h -> h.put("ce-subject", "../../etc/passwd"));
        binaryHeader(cases, "ce-subject broken percent-encoding", "/subject", h -> h.put("ce-subject", "X12%zz"));
        binaryHeader(cases, "ce-subject percent-encoded invalid UTF-8", "/subject", h -> h.put("ce-subject", "%C3%28"));
        binaryHeader(cases, "ce-datacontenttype text/plain", "/datacontenttype",
                h -> h.put("ce-datacontenttype", "text/plain"));
        binaryHeader(cases, "ce-data header", "/data", h -> h.put("ce-data", "{}"));
        binaryHeader(cases, "traceparent malformed", "/traceparent", h -> h.put("traceparent", "00-xyz"));
        ObjectNode e = validEvent();
        String data = e.get("data").toString();
        binaryBody(cases, "body is an array", "/data", "[" + data + "]");
        binaryBody(cases, "body is a string", "/data", "\"x\"");
        binaryBody(cases, "body is a number", "/data", "42");
        binaryBody(cases, "body is null", "/data", "null");
        binaryBody(cases, "body is empty", "/data", "");
        binaryBody(cases, "body is not JSON", "/data", data.substring(0, data.length() / 2));
        binaryBody(cases, "body is a whole structured event", null, e.toString());
        binaryBody(cases, "data with an unknown field", "/data/unknownField",
                ((ObjectNode) e.get("data").deepCopy()).put("unknownField", "x").toString());
        binaryBody(cases, "data with an operator key", null,
                ((ObjectNode) e.get("data").deepCopy()).put("$where", "x").toString());
        ObjectNode huge = validEvent();
        ((ObjectNode) huge.get("data")).put("padding", "x".repeat(70_000));
        binaryBody(cases, "body over 64 KiB", null, huge.get("data").toString());
    }

    private void binaryHeader(List<HostileCase> cases, String name, String field, Consumer<Map<String, String>> change) {
        ObjectNode e = validEvent();
        Map<String, String> headers = binaryHeaders(e);
        change.accept(headers);
        String id = headers.get("ce-id");
        cases.add(new HostileCase("binary: " + name, e.get("data").toString().getBytes(StandardCharsets.UTF_8),
                "application/json", CloudEvents.SOURCE.equals(headers.get("ce-source")) ? id : null, headers, field));
    }

    private void binaryBody(List<HostileCase> cases, String name, String field, String body) {
        ObjectNode e = validEvent();
        Map<String, String> headers = binaryHeaders(e);
        cases.add(new HostileCase("binary: " + name, body.getBytes(StandardCharsets.UTF_8), "application/json",
                headers.get("ce-id"), headers, field));
    }

    private void data(List<HostileCase> cases) {
        for (int i = 0; i < validEvents().size(); i++) {
            dataTemplate = i;
            data(cases, i);
        }
        dataTemplate = 0;
    }

    private void data(List<HostileCase> cases, int which) {
        ObjectNode template = validEvents().get(which);
        String type = template.get("type").asText();
        ObjectNode data = (ObjectNode) template.get("data");
        JsonNode schema = EventCatalogue.schema(type);
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        for (Iterator<String> it = data.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            JsonNode value = data.get(field);
            if (required.contains(field)) {
                mutateData(cases, "data." + field + " missing", d -> d.remove(field));
            }
            mutateData(cases, "data." + field + " null", d -> d.putNull(field));
            mutateData(cases, "data." + field + " array", d -> d.set(field, CloudEvents.JSON.createArrayNode().add(value)));
            mutateData(cases, "data." + field + " operator object", d -> d.set(field,
                    CloudEvents.JSON.createObjectNode().put("$gt", "")));
            if (value.isTextual()) {
                mutateData(cases, "data." + field + " number", d -> d.put(field, 7));
                mutateData(cases, "data." + field + " boolean", d -> d.put(field, false));
                mutateData(cases, "data." + field + " empty", d -> d.put(field, ""));
                mutateData(cases, "data." + field + " 201 characters", d -> d.put(field, "a".repeat(201)));
                mutateData(cases, "data." + field + " 10,000 characters", d -> d.put(field, "a".repeat(10_000)));
                mutateData(cases, "data." + field + " with RTL override", d -> d.put(field, "ab\u202Ecd"));
                mutateData(cases, "data." + field + " with zero-width space", d -> d.put(field, "ab\u200Bcd"));
                mutateData(cases, "data." + field + " with NUL", d -> d.put(field, "ab\u0000cd"));
                mutateData(cases, "data." + field + " with newline", d -> d.put(field, "ab\ncd"));
                mutateData(cases, "data." + field + " lone surrogate", d -> d.put(field, "ab" + LONE_SURROGATE + "cd"));
                if (isDate(value.asText())) {
                    for (String bad : List.of("2021-02-30", "2021-1-1", "20210101", "01/02/2021", "2021-02-03T00:00:00Z",
                            LocalDate.now().plusDays(1).toString(), LocalDate.now().plusYears(5).toString(), "9999-12-31")) {
                        mutateData(cases, "data." + field + " date '" + bad + "'", d -> d.put(field, bad));
                    }
                } else if (schema.path("properties").path(field).has("enum")) {
                    mutateData(cases, "data." + field + " SQL-shaped", d -> d.put(field, "x'; DROP TABLE events; --"));
                    mutateData(cases, "data." + field + " upper-case", d -> d.put(field, value.asText().toUpperCase()));
                }
            } else if (value.isNumber()) {
                mutateData(cases, "data." + field + " as text", d -> d.put(field, value.asText()));
                mutateData(cases, "data." + field + " negative", d -> d.put(field, -1));
                mutateData(cases, "data." + field + " huge", d -> d.put(field, 1e20));
                mutateData(cases, "data." + field + " boolean", d -> d.put(field, true));
            } else if (value.isBoolean()) {
                mutateData(cases, "data." + field + " as text", d -> d.put(field, "true"));
                mutateData(cases, "data." + field + " as number", d -> d.put(field, 1));
            } else if (value.isObject()) {
                mutateData(cases, "data." + field + " empty object", d -> d.set(field, CloudEvents.JSON.createObjectNode()));
                mutateData(cases, "data." + field + " with extra key", d -> ((ObjectNode) d.get(field)).put("extra", 1));
            }
        }
        for (String key : List.of("$where", "$gt", "a.b", "$set", "unknownField", "__proto__", "constructor.prototype")) {
            mutateData(cases, "data key " + key, d -> d.put(key, "x"));
        }
        mutateData(cases, "data nested operator", d -> d.set("nested", CloudEvents.JSON.createObjectNode()
                .set("$where", CloudEvents.JSON.createObjectNode().put("$ne", 1))));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private void mutate(List<HostileCase> cases, String name, Consumer<ObjectNode> change) {
        ObjectNode e = validEvent();
        change.accept(e);
        cases.add(single(name, e));
    }

    private int dataTemplate;

    private void mutateData(List<HostileCase> cases, String name, Consumer<ObjectNode> change) {
        ObjectNode e = validEvents().get(dataTemplate);
        change.accept((ObjectNode) e.get("data"));
        cases.add(single(e.get("type").asText().replaceFirst("^ete\\.", "") + " " + name, e));
    }

    private static HostileCase single(String name, ObjectNode e) {
        JsonNode id = e.get("id");
        JsonNode source = e.get("source");
        boolean identifiable = id != null && id.isTextual() && source != null && source.isTextual()
                && CloudEvents.SOURCE.equals(source.asText()) && !id.asText().isEmpty() && id.asText().length() <= 200;
        String body = e.toString().replace(LONE_SURROGATE, "\\ud800");
        return new HostileCase(name, body.getBytes(StandardCharsets.UTF_8), "application/cloudevents+json",
                identifiable ? id.asText() : null);
    }

    private static void raw(List<HostileCase> cases, String name, String body) {
        cases.add(new HostileCase(name, body.getBytes(StandardCharsets.UTF_8), "application/cloudevents+json", null));
    }

    private static String otherServiceType(String type) {
        return EventCatalogue.partnerEvents().stream().map(t -> t.type())
                .filter(t -> !t.split("\\.")[1].equals(type.split("\\.")[1])).findFirst().orElseThrow();
    }

    private static boolean isDate(String text) {
        return text.matches("\\d{4}-\\d{2}-\\d{2}");
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(20).forEach(cp -> b.append(cp < 32 || cp == 0x202E ? String.format("\\u%04x", cp)
                : new String(Character.toChars(cp))));
        return b.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
