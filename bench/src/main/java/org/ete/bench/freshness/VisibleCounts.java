package org.ete.bench.freshness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Watches what the analysis service has made visible, in a loop on its own thread: {@code GET /v1/admin/projections}
 * answers the live generation's {@code people} (the people index's size: one more per new person's referral) and
 * {@code recordsHandled} (records the live runner has applied, counted after the poll's states are in the index the
 * views read). Both are exact, unperturbed counts; so "people reached k" means "the k-th new person is visible" and
 * "handled - people reached k" means "the k-th take-up is visible" (the bench posts nothing else).
 * <p>
 * Why not the {@code ete.projection.applied} counters of {@code /q/metrics}: that page is about 85 KB here and took
 * about 95 ms to answer under load, so a reading every 100 ms at best. This answer is a few hundred bytes; its cost
 * is the audit record every {@code GET /v1/...} writes to MongoDB (one insert a reading), printed with the results.
 */
public final class VisibleCounts implements AutoCloseable {
    public static final String PEOPLE = "people";
    public static final String HANDLED = "handled";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One reading: when (the middle of the request, System.nanoTime) and the counts by type. */
    public record Reading(long atNanos, Map<String, Long> counts) {
        public long count(String type) {
            return counts.getOrDefault(type, 0L);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI status;
    private final URI metrics;
    private final String bearer;
    private final long pauseMillis;
    private final List<Reading> readings = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long scrapeNanos;
    private long scrapeBytes;
    private int failures;

    /** @param pauseMillis pause between readings (a reading itself takes a few ms) */
    public VisibleCounts(String analysisBaseUrl, String bearer, long pauseMillis) {
        this.status = URI.create(analysisBaseUrl + "/v1/admin/projections");
        this.metrics = URI.create(analysisBaseUrl + "/q/metrics");
        this.bearer = bearer;
        this.pauseMillis = pauseMillis;
        this.thread = new Thread(this::loop, "visible-counts");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                Reading r = readNow();
                synchronized (readings) {
                    readings.add(r);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // A reading lost to an overloaded service only widens the interval the next one is placed in.
                synchronized (readings) {
                    failures++;
                }
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One reading, on the caller's thread. */
    public Reading readNow() throws Exception {
        long before = System.nanoTime();
        String body = get(status, bearer);
        long after = System.nanoTime();
        synchronized (readings) {
            scrapeNanos += after - before;
            scrapeBytes += body.length();
        }
        JsonNode active = JSON.readTree(body).path("active");
        return new Reading(before + (after - before) / 2,
                Map.of(PEOPLE, active.path("people").asLong(), HANDLED, active.path("recordsHandled").asLong()));
    }

    /** The whole Prometheus text. */
    public String scrape() throws Exception {
        return get(metrics, null);
    }

    private String get(URI uri, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + r.statusCode());
        }
        return r.body();
    }

    /** The readings so far, in time order. */
    public List<Reading> readings() {
        synchronized (readings) {
            return List.copyOf(readings);
        }
    }

    /** Mean time and size of a reading so far. */
    public String scrapeStats() {
        synchronized (readings) {
            int n = Math.max(1, readings.size());
            return String.format("%,d readings, %.1f ms and %,d bytes each on average, %d failed", readings.size(),
                    scrapeNanos / 1e6 / n, scrapeBytes / n, failures);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
    }
}
