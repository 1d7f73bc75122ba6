package org.ete.bench.freshness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.testsupport.AuthorizedRequests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Single events posted to the referral service on an open-loop schedule (each at its due time whether or not the
 * earlier ones have been answered), one new person per referral and that person's take-up after it, and for each
 * event the time from its acceptance to visible in the analysis ({@link VisibleCounts}). Accepted = the
 * {@code recordedAt} of the 201 answer, the service's clock at the append (the same machine's clock as ours): the
 * moment the answer reaches the client is later by the service's queueing, so under load an event can be visible
 * before its answer arrives, and "answered -> visible" would understate the pipeline.
 * <p>
 * The k-th event of a type accepted is matched with the moment k of that type were visible: the counts say how
 * many are visible, not which. When events overtake one another (three partitions), this matching pairs
 * the sorted acceptance times with the sorted visibility times, which can only lower the largest latency, never
 * raise it; it is exact when nothing overtakes. A reading is placed halfway between the request before it and
 * itself, so each visibility time is known to half a reading interval.
 */
public final class PlatformFreshness {
    static final ObjectMapper JSON = new ObjectMapper();
    public static final String REFERRAL = "ete.referral.received.v1";
    public static final String TAKE_UP = "ete.referral.service-taken-up.v1";

    /** Per type, acceptance-to-visible latencies; and the POST's own time from due to answered. */
    public record Result(Latencies referrals, Latencies takeUps, Latencies all, Latencies posts, double achievedRate) {
    }

    /** The referral service did not answer every post in time: no latency can be measured at this rate. */
    public static final class NotKeptUp extends IllegalStateException {
        NotKeptUp(int failed, int posted, int rate) {
            super(String.format("%,d of %,d posts at %d events/s not answered 201 within 30 s", failed, posted, rate));
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI events;
    private final VisibleCounts counts;
    private final String bearer = AuthorizedRequests.bearer();

    public PlatformFreshness(String referralBaseUrl, VisibleCounts counts) {
        this.events = URI.create(referralBaseUrl + "/v1/events");
        this.counts = counts;
    }

    /**
     * Posts {@code rate} events a second for {@code seconds} (half referrals, half take-ups) for people whose CRNs
     * start with {@code letter}, waits until all are visible and returns the latencies.
     */
    public Result run(char letter, int rate, int seconds) throws Exception {
        int people = rate * seconds / 2;
        VisibleCounts.Reading base = counts.readNow();
        AtomicLongArray referralAccepted = new AtomicLongArray(people);
        AtomicLongArray takeUpAccepted = new AtomicLongArray(people);
        AtomicLongArray postNanos = new AtomicLongArray(2 * people);
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>(people);
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        long interval = 2_000_000_000L / rate; // one person (two events) per interval
        Instant wall = Instant.now();
        long wallMinusNano = wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - System.nanoTime();
        long start = System.nanoTime();
        try {
            for (int i = 0; i < people; i++) {
                int person = i;
                long due = start + i * interval;
                for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(wait);
                }
                String crn = letter + String.format("%06d", i);
                CompletableFuture<Void> done = new CompletableFuture<>();
                pending.add(done);
                post(referral(letter, crn)).whenComplete((r, e) -> {
                    long answered = System.nanoTime();
                    if (!accepted(r, e, failed)) {
                        done.complete(null);
                        return;
                    }
                    referralAccepted.set(person, recordedAt(r) - wallMinusNano);
                    postNanos.set(2 * person, answered - due);
                    long takeUpDue = due + interval / 2;
                    Runnable takeUp = () -> post(takeUp(letter, crn)).whenComplete((r2, e2) -> {
                        long answered2 = System.nanoTime();
                        if (accepted(r2, e2, failed)) {
                            takeUpAccepted.set(person, recordedAt(r2) - wallMinusNano);
                            postNanos.set(2 * person + 1, answered2 - Math.max(takeUpDue, answered));
                        }
                        done.complete(null);
                    });
                    long wait = takeUpDue - System.nanoTime();
                    if (wait > 0) {
                        later.schedule(takeUp, wait, TimeUnit.NANOSECONDS);
                    } else {
                        takeUp.run();
                    }
                });
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        } finally {
            later.shutdown();
        }
        double achievedRate = 2.0 * people / ((System.nanoTime() - start) / 1e9);
        if (failed.get() > 0) {
            // A post the client gave up on may still be applied, so the counts could no longer be matched.
            throw new NotKeptUp(failed.get(), 2 * people, rate);
        }
        awaitVisible(base, people);
        double[] referrals = latencies(referralAccepted, REFERRAL, base);
        double[] takeUps = latencies(takeUpAccepted, TAKE_UP, base);
        double[] all = Arrays.copyOf(referrals, 2 * people);
        System.arraycopy(takeUps, 0, all, people, people);
        double[] posts = new double[2 * people];
        for (int i = 0; i < posts.length; i++) {
            posts[i] = postNanos.get(i) / 1e6;
        }
        return new Result(new Latencies(referrals), new Latencies(takeUps), new Latencies(all), new Latencies(posts),
                achievedRate);
    }

    private void awaitVisible(VisibleCounts.Reading base, int people) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            List<VisibleCounts.Reading> readings = counts.readings();
            VisibleCounts.Reading last = readings.get(readings.size() - 1);
            if (visible(last, REFERRAL) - visible(base, REFERRAL) >= people
                    && visible(last, TAKE_UP) - visible(base, TAKE_UP) >= people) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not all visible after 3 minutes: " + last.counts() + " from " + base.counts());
            }
            Thread.sleep(50);
        }
    }

    /** Sorted acceptance times matched with the times the type's counter reached 1, 2, ... (see the class comment). */
    private double[] latencies(AtomicLongArray acceptedAt, String type, VisibleCounts.Reading base) {
        long[] accepted = new long[acceptedAt.length()];
        for (int i = 0; i < accepted.length; i++) {
            accepted[i] = acceptedAt.get(i);
        }
        Arrays.sort(accepted);
        List<VisibleCounts.Reading> readings = counts.readings();
        double[] out = new double[accepted.length];
        int k = 0;
        long previous = base.atNanos();
        for (VisibleCounts.Reading r : readings) {
            if (r.atNanos() <= base.atNanos()) {
                continue;
            }
            long visible = previous + (r.atNanos() - previous) / 2;
            for (long seen = visible(r, type) - visible(base, type); k < accepted.length && k < seen; k++) {
                out[k] = (visible - accepted[k]) / 1e6;
            }
            previous = r.atNanos();
        }
        if (k < accepted.length) {
            throw new IllegalStateException("only " + k + " of " + accepted.length + " " + type + " seen");
        }
        return out;
    }

    /** Visible events of {@code type}: new people for referrals, the other records handled for take-ups. */
    private static long visible(VisibleCounts.Reading r, String type) {
        long people = r.count(VisibleCounts.PEOPLE);
        return REFERRAL.equals(type) ? people : r.count(VisibleCounts.HANDLED) - people;
    }

    /** The answer's recordedAt in epoch nanoseconds. */
    private static long recordedAt(HttpResponse<String> answer) {
        try {
            Instant at = Instant.parse(JSON.readTree(answer.body()).path("recordedAt").asText());
            return at.getEpochSecond() * 1_000_000_000L + at.getNano();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean accepted(HttpResponse<String> r, Throwable e, AtomicInteger failed) {
        if (e != null || r.statusCode() != 201 || r.body().contains("\"duplicate\":true")) {
            if (failed.getAndIncrement() < 5) {
                System.err.println("not accepted: " + (e != null ? e : r.statusCode() + " " + r.body()));
            }
            return false;
        }
        return true;
    }

    private CompletableFuture<HttpResponse<String>> post(ObjectNode event) {
        return http.sendAsync(HttpRequest.newBuilder(events).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/cloudevents+json").header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.ofString(event.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ObjectNode referral(char letter, String crn) {
        ObjectNode e = envelope(letter + "-r-" + crn, REFERRAL, crn);
        e.putObject("data").put("referralDate", "2021-01-04").put("setting", "community").put("contractArea", "DLNR")
                .put("region", "East Midlands").put("team", "Nottingham North").put("office", "Nottingham")
                .put("gender", "male").put("dateOfBirth", "1990-02-14").put("ethnicity", "white")
                .put("offenceCategory", "burglary-domestic").put("ogrs3OneYearPercent", 35.5)
                .put("ogrs3TwoYearPercent", 52.0);
        return e;
    }

    private static ObjectNode takeUp(char letter, String crn) {
        ObjectNode e = envelope(letter + "-t-" + crn, TAKE_UP, crn);
        e.putObject("data").put("takenUpOn", "2021-01-11");
        return e;
    }

    private static ObjectNode envelope(String id, String type, String crn) {
        return JSON.createObjectNode().put("specversion", "1.0").put("id", id).put("source", "urn:ete:bench:freshness")
                .put("type", type).put("subject", crn);
    }
}
