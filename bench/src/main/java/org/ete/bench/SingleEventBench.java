package org.ete.bench;

import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.ServiceProcess;
import org.ete.testsupport.TestTokens;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figure 2: single-event ingest against the same service's trivial endpoint. The packaged referral service (its own
 * JVM, as ServiceProcess starts it) takes {@code wrk -t2 -c16 -d20s} of POST /v1/events, each request one new
 * referral of a new person with a bearer token (bench/src/main/resources/wrk/single-referral.lua), then the same wrk
 * on GET /q/health/live; alternating, {@code bench.runs} times each after a warm-up of each, medians compared.
 * The service's per-client rate limit (500 requests/s, a policy, not a capacity) is off for the run.
 * {@code -Dbench.jfr=<file>} records the service with JFR (profile settings) for the whole run.
 */
public final class SingleEventBench {
    static final int RUNS = Integer.getInteger("bench.runs", 3);
    static final String DURATION = System.getProperty("bench.duration", "20s");
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors:.*");
    private static final Pattern LATENCY = Pattern.compile("\\s+Latency\\s+(\\S+)\\s+(\\S+)\\s+(\\S+).*");

    public static void main(String[] args) throws Exception {
        // Full JIT for the broker and MongoDB server, the same for both sides of the ratio (see PlatformInfra).
        System.setProperty("ete.local-infra.jvm-args", System.getProperty("ete.local-infra.jvm-args", "-Xmx1g"));
        PlatformInfra infra = PlatformInfra.start();
        Map<String, String> env = new HashMap<>(Map.of("ETE_RATE_LIMIT_ENABLED", "false"));
        String jfr = System.getProperty("bench.jfr");
        if (jfr != null) {
            env.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=settings=profile,filename=" + jfr);
        }
        Path script = Files.createTempFile("single-referral-", ".lua");
        try (InputStream in = SingleEventBench.class.getResourceAsStream("/wrk/single-referral.lua")) {
            Files.write(script, in.readAllBytes());
        }
        String token = TestTokens.everyRole();
        try (ServiceProcess service = ServiceProcess.start("referral-service", infra, "referral-single-" + System.nanoTime(), env)) {
            String events = service.baseUrl() + "/v1/events";
            String health = service.baseUrl() + "/q/health/live";
            char letter = 'A';
            // Warm-up of both (JIT, connections, indexes), not counted.
            System.out.println("warm-up: ingest " + wrk(events, script, token, "" + letter++ + letter++).summary()
                    + "; health " + wrk(health, null, null, null).summary());
            double[] ingest = new double[RUNS];
            double[] trivial = new double[RUNS];
            for (int run = 0; run < RUNS; run++) {
                Result i = wrk(events, script, token, "" + letter++ + letter++);
                Result h = wrk(health, null, null, null);
                if (i.failed() > 0 || h.failed() > 0) {
                    throw new IllegalStateException("requests failed: ingest " + i.summary() + "; health " + h.summary());
                }
                ingest[run] = i.rps();
                trivial[run] = h.rps();
                System.out.printf("run %d: POST /v1/events %s | GET /q/health/live %s%n", run + 1, i.summary(), h.summary());
            }
            System.out.println("group commit over all ingest runs: " + groupSizes(service.baseUrl(), token));
            double i = median(ingest), h = median(trivial);
            System.out.printf("median of %d runs (wrk -t2 -c16 -d%s): POST /v1/events %,.0f req/s, GET /q/health/live %,.0f req/s%n",
                    RUNS, DURATION, i, h);
            System.out.printf("RATIO 2 single-event-vs-trivial: %.2f (goal >= 0.25; %,.0f req/s POST /v1/events (one new"
                    + " referral each) vs %,.0f req/s GET /q/health/live, same service, wrk -t2 -c16 -d%s, median of %d)%n",
                    i / h, i, h, DURATION, RUNS);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** The service's own account of its group commits (ete.ingest.group.size on /q/metrics): count, mean, max. */
    static String groupSizes(String baseUrl, String token) throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + "/q/metrics"))
                        .header("Authorization", "Bearer " + token).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        Map<String, Double> m = new HashMap<>();
        r.body().lines().filter(l -> l.startsWith("ete_ingest_group_size_")).forEach(l ->
                m.put(l.substring(0, l.indexOf(l.contains("{") ? '{' : ' ')), Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))));
        double count = m.getOrDefault("ete_ingest_group_size_count", 0.0);
        return String.format("%,.0f groups, mean %.1f events a group, max %.0f (in the last minutes)", count,
                count == 0 ? 0 : m.getOrDefault("ete_ingest_group_size_sum", 0.0) / count,
                m.getOrDefault("ete_ingest_group_size_max", 0.0));
    }

    record Result(double rps, long failed, String latency) {
        String summary() {
            return String.format("%,.0f req/s, latency avg/stdev/max %s, failed %d", rps, latency, failed);
        }
    }

    /** One wrk run against {@code url}: with the ingest script (token, thread letters) or a plain GET. */
    static Result wrk(String url, Path script, String token, String letters) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t2", "-c16", "-d" + DURATION));
        if (script != null) {
            cmd.addAll(List.of("-s", script.toString(), url, "--", token, letters));
        } else {
            cmd.add(url);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        Matcher rps = RPS.matcher(out);
        if (!rps.find()) {
            throw new IllegalStateException("no Requests/sec in wrk's output: " + out);
        }
        Matcher bad = NON_2XX.matcher(out);
        long failed = bad.find() ? Long.parseLong(bad.group(1)) : 0;
        if (SOCKET_ERRORS.matcher(out).find()) {
            System.out.println("wrk: " + out.lines().filter(l -> l.contains("Socket errors")).findFirst().orElse(""));
        }
        Matcher lat = LATENCY.matcher(out);
        String latency = lat.find() ? lat.group(1) + "/" + lat.group(2) + "/" + lat.group(3) : "?";
        return new Result(Double.parseDouble(rps.group(1)), failed, latency);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
