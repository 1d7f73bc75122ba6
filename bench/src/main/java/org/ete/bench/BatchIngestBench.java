package org.ete.bench;

import org.ete.testsupport.AuthorizedRequests;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.ServiceProcess;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

/**
 * A batch of 10,000 events through the packaged referral service (validation, pseudonymisation, rules against
 * the person's stream, single-document append, relay), against a baseline measured in the same run on the same
 * MongoDB server: 10,000 plain insertOne calls of a document of the same size. Prints medians and the ratio.
 */
public final class BatchIngestBench {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int EVENTS = Integer.getInteger("bench.events", 10_000);
    static final int RUNS = Integer.getInteger("bench.runs", 5);

    public static void main(String[] args) throws Exception {
        PlatformInfra infra = PlatformInfra.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (ServiceProcess service = ServiceProcess.start("referral-service", infra, "referral-bench-" + System.nanoTime(), Map.of());
             MongoClient mongo = MongoClients.create(infra.mongoUri())) {
            // warm-up batch (JIT, indexes, connections)
            long w = System.nanoTime();
            post(http, service, batch(1_000));
            System.out.printf("warm-up batch of 1,000: %.0f ms%n", (System.nanoTime() - w) / 1e6);
            double[] serviceMs = new double[RUNS];
            double[] baselineMs = new double[RUNS];
            for (int run = 0; run < RUNS; run++) {
                String body = batch(EVENTS);
                long t = System.nanoTime();
                String answer = post(http, service, body);
                serviceMs[run] = (System.nanoTime() - t) / 1e6;
                if (!answer.contains("\"accepted\":" + EVENTS)) {
                    throw new IllegalStateException("not all accepted: " + answer.substring(0, 200));
                }
                MongoCollection<Document> scratch = mongo.getDatabase("bench-baseline").getCollection("run" + run);
                t = System.nanoTime();
                for (int i = 0; i < EVENTS; i++) {
                    scratch.insertOne(Document.parse(sampleEvent(i).toString()));
                }
                baselineMs[run] = (System.nanoTime() - t) / 1e6;
                scratch.drop();
            }
            Arrays.sort(serviceMs);
            Arrays.sort(baselineMs);
            double s = serviceMs[RUNS / 2], b = baselineMs[RUNS / 2];
            System.out.printf("batch of %,d events, median of %d runs:%n", EVENTS, RUNS);
            System.out.printf("  service (POST /v1/events, batch mode): %8.0f ms  %,8.0f events/s%n", s, EVENTS / (s / 1000));
            System.out.printf("  baseline (10,000 plain insertOne):     %8.0f ms  %,8.0f docs/s%n", b, EVENTS / (b / 1000));
            System.out.printf("  ratio service / baseline: %.2f%n", s / b);
        }
    }

    static String post(HttpClient http, ServiceProcess service, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/events"))
                .header("Content-Type", "application/cloudevents-batch+json")
                .header("Authorization", AuthorizedRequests.bearer()).timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** Half referrals, half take-ups of the same people (each take-up after its referral in the batch). */
    static String batch(int size) {
        ArrayNode events = JSON.createArrayNode();
        String prefix = UUID.randomUUID().toString().substring(0, 8);
        int people = size / 2;
        for (int i = 0; i < people; i++) {
            events.add(sampleEvent(i).put("id", prefix + "-r-" + i).put("subject", crn(prefix, i)));
        }
        for (int i = 0; i < people; i++) {
            ObjectNode takeUp = JSON.createObjectNode().put("specversion", "1.0").put("id", prefix + "-t-" + i)
                    .put("source", "urn:ete:bench").put("type", "ete.referral.service-taken-up.v1")
                    .put("subject", crn(prefix, i));
            takeUp.putObject("data").put("takenUpOn", "2019-05-20");
            events.add(takeUp);
        }
        return events.toString();
    }

    static String crn(String prefix, int i) {
        return (char) ('A' + Math.abs(prefix.hashCode()) % 26) + String.format("%06d", i);
    }

    static ObjectNode sampleEvent(int i) {
        ObjectNode e = JSON.createObjectNode().put("specversion", "1.0").put("id", "bench-" + i)
                .put("source", "urn:ete:bench").put("type", "ete.referral.received.v1").put("subject", "B000001");
        e.putObject("data").put("referralDate", "2019-05-01").put("setting", "community").put("contractArea", "DLNR")
                .put("region", "East Midlands").put("team", "Nottingham North").put("office", "Nottingham")
                .put("gender", "male").put("dateOfBirth", "1990-02-14").put("ethnicity", "white")
                .put("offenceCategory", "burglary-domestic").put("ogrs3OneYearPercent", 35.5)
                .put("ogrs3TwoYearPercent", 52.0);
        return e;
    }
}
