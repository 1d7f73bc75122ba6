package org.ete.referral;

import org.ete.testsupport.AuthorizedRequests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.eventkit.testkit.CloudEvents;
import org.ete.eventkit.testkit.TopicProbe;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of the packaged service in the middle of a stream of batches: after a restart every acknowledged event
 * is in the store and on the topic, and once the partner re-sends everything, each event is stored once and seen
 * once by a consumer that deduplicates on (source, id).
 */
class CrashRecoveryIT {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final int BATCHES = 60;
    static final int PEOPLE_PER_BATCH = 25; // a referral and a take-up each: 50 events a batch

    @Test
    void acknowledgedEventsSurviveAKillAndRetriesCountOnce() throws Exception {
        PlatformInfra infra = PlatformInfra.start();
        List<String> batches = new ArrayList<>();
        Map<String, String> crnById = new ConcurrentHashMap<>();
        for (int b = 0; b < BATCHES; b++) {
            List<ObjectNode> events = new ArrayList<>();
            for (int p = 0; p < PEOPLE_PER_BATCH; p++) {
                String crn = CloudEvents.newCrn();
                ObjectNode referral = ReferralIngestIT.referral(crn);
                ObjectNode takeUp = ReferralIngestIT.takeUp(crn, "2019-05-20");
                events.add(referral);
                events.add(takeUp);
                crnById.put(referral.get("id").asText(), crn);
                crnById.put(takeUp.get("id").asText(), crn);
            }
            batches.add(CloudEvents.batch(events));
        }

        try (ServiceProcess service = ServiceProcess.start("referral-service", infra,
                "referral-crash-" + System.nanoTime(), Map.of())) {
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger batchesDone = new AtomicInteger();
            Thread partner = new Thread(() -> {
                for (String batch : batches) {
                    try {
                        JsonNode answer = postBatch(service.baseUrl(), batch);
                        answer.get("results").forEach(r -> acknowledged.add(r.get("id").asText()));
                        batchesDone.incrementAndGet();
                    } catch (IOException | InterruptedException killed) {
                        return; // the service died under us: this batch was never acknowledged
                    }
                }
            });
            partner.start();
            await().atMost(Duration.ofMinutes(2)).until(() -> batchesDone.get() >= 8);
            service.kill9();
            partner.join();
            assertTrue(batchesDone.get() < BATCHES, "the kill came too late to interrupt the stream");

            service.restart();
            for (String id : acknowledged) {
                assertEquals(200, get(service.baseUrl() + "/v1/events?source=" + enc(CloudEvents.SOURCE) + "&id=" + enc(id)),
                        "acknowledged event " + id + " lost");
            }

            // The partner re-sends everything it is not sure of (here: everything).
            for (String batch : batches) {
                JsonNode answer = postBatch(service.baseUrl(), batch);
                assertEquals(0, answer.get("rejected").asInt(), answer.toString());
            }
            for (String crn : Set.copyOf(crnById.values()).stream().limit(100).collect(Collectors.toSet())) {
                JsonNode events = CloudEvents.JSON.readTree(getBody(service.baseUrl() + "/v1/people/" + crn + "/events"));
                assertEquals(2, events.get("count").asInt(), "each person's two events stored exactly once");
            }
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                List<TopicProbe.Published> published = TopicProbe.readAll(infra.kafkaBootstrapServers(),
                        "referral.events.v1", p -> crnById.containsKey(p.id()));
                Set<String> distinct = published.stream().map(TopicProbe.Published::id).collect(Collectors.toSet());
                assertEquals(crnById.keySet(), distinct, "every event on the topic, once after deduplication");
            });
        }
    }

    static JsonNode postBatch(String base, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                .header("Content-Type", "application/cloudevents-batch+json")
                .header("Authorization", AuthorizedRequests.bearer()).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("batch answered " + r.statusCode() + ": " + r.body());
        }
        return CloudEvents.JSON.readTree(r.body());
    }

    static int get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", AuthorizedRequests.bearer()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static String getBody(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", AuthorizedRequests.bearer()).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
