package org.ete.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;

/**
 * An in-process stand-in for the producing services' {@code POST /v1/events} (no network): envelope rules, the JSON
 * Schema of the type, dates not in the future, references to a started job / course / submitted application, and
 * idempotency by source + id. Answers like the services: 201 / 200 duplicate / 400 / 422 for one event; 200 with
 * per-event results for a batch. Can fail a call with 503 after storing it, like a timeout.
 */
final class FakePlatform implements Transport {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    final Set<String> stored = ConcurrentHashMap.newKeySet();
    final Map<String, Set<String>> references = new ConcurrentHashMap<>();
    final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> batchBytes = Collections.synchronizedList(new ArrayList<>());
    final Map<String, List<String>> arrivals = new ConcurrentHashMap<>();
    /** Fail the n-th batch call (1-based) to this URL with 503 after storing it. */
    final Map<String, Integer> failAfterStoring = new HashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Override
    public Answer post(String baseUrl, String contentType, byte[] body) throws IOException {
        int call = calls.computeIfAbsent(baseUrl, k -> new AtomicInteger()).incrementAndGet();
        JsonNode parsed = MAPPER.readTree(body);
        if (contentType.equals(BATCH)) {
            batchSizes.add(parsed.size());
            batchBytes.add(body.length);
            if (!parsed.isArray() || parsed.size() > 10_000 || body.length > 16 * 1024 * 1024) {
                return new Answer(413, "{\"status\":413}");
            }
            ObjectNode answer = MAPPER.createObjectNode();
            ArrayNode results = answer.putArray("results");
            int accepted = 0;
            int duplicates = 0;
            int rejected = 0;
            for (int i = 0; i < parsed.size(); i++) {
                Result r = apply(parsed.get(i));
                ObjectNode item = results.addObject().put("index", i).put("outcome", r.outcome);
                if (r.problem != null) {
                    item.set("problem", r.problem);
                }
                switch (r.outcome) {
                    case "accepted" -> accepted++;
                    case "duplicate" -> duplicates++;
                    default -> rejected++;
                }
            }
            answer.put("accepted", accepted).put("duplicates", duplicates).put("rejected", rejected);
            if (failAfterStoring.getOrDefault(baseUrl, -1) == call) {
                return new Answer(503, "{\"status\":503}");
            }
            return new Answer(200, MAPPER.writeValueAsString(answer));
        }
        Result r = apply(parsed);
        return switch (r.outcome) {
            case "accepted" -> new Answer(201, "{\"duplicate\":false}");
            case "duplicate" -> new Answer(200, "{\"duplicate\":true}");
            default -> new Answer(r.status, MAPPER.writeValueAsString(r.problem));
        };
    }

    record Result(String outcome, int status, JsonNode problem) {
    }

    private static Result reject(int status, String rule) {
        ObjectNode p = MAPPER.createObjectNode().put("status", status).put("rule", rule).put("detail", rule);
        return new Result("rejected", status, p);
    }

    synchronized Result apply(JsonNode e) {
        for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
            if (!SchemaAndRulesTest.ATTRIBUTES.contains(it.next())) {
                return reject(400, "unknown-attribute");
            }
        }
        if (!"1.0".equals(e.path("specversion").asText())) {
            return reject(400, "specversion");
        }
        EventType type = EventType.fromType(e.path("type").asText()).orElse(null);
        if (type == null) {
            return reject(400, "type");
        }
        String subject = e.path("subject").asText();
        if (!type.subjectKind().matches(subject)) {
            return reject(400, "subject");
        }
        String key = e.path("source").asText() + " " + e.path("id").asText();
        if (stored.contains(key)) {
            return new Result("duplicate", 200, null);
        }
        JsonNode data = e.path("data");
        if (!SchemaAndRulesTest.REGISTRY.getSchema(EventCatalogue.schemaText(type)).validate(data).isEmpty()) {
            return reject(400, "schema");
        }
        try {
            for (LocalDate d : type.dates(data).values()) {
                if (d.isAfter(TODAY)) {
                    return reject(422, "not-in-future");
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException ex) {
            return reject(400, "date");
        }
        Set<String> refs = references.computeIfAbsent(subject, s -> new HashSet<>());
        switch (type) {
            case JOB_STARTED -> refs.add("job " + data.path("jobId").asText());
            case COURSE_STARTED -> refs.add("course " + data.path("courseId").asText());
            case APPLICATION_SUBMITTED -> refs.add("application " + data.path("applicationId").asText());
            case JOB_SUSTAINED, JOB_ENDED -> {
                if (!refs.contains("job " + data.path("jobId").asText())) {
                    return reject(422, "job-started-required");
                }
            }
            case COURSE_COMPLETED, COURSE_WITHDRAWN -> {
                if (!refs.contains("course " + data.path("courseId").asText())) {
                    return reject(422, "course-started-required");
                }
            }
            case CANDIDATE_HIRED -> {
                if (!refs.contains("application " + data.path("applicationId").asText())) {
                    return reject(422, "application-required");
                }
            }
            default -> {
            }
        }
        stored.add(key);
        arrivals.computeIfAbsent(subject, s -> Collections.synchronizedList(new ArrayList<>()))
                .add(e.path("id").asText());
        return new Result("accepted", 201, null);
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
