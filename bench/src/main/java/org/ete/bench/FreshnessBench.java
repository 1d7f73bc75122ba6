package org.ete.bench;

import org.ete.bench.freshness.VisibleCounts;
import org.ete.bench.freshness.Latencies;
import org.ete.bench.freshness.PlatformFreshness;
import org.ete.bench.freshness.RawKafkaLatency;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.ServiceProcess;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Figure 5: freshness. The packaged referral and analysis services on the embedded Kafka and MongoDB; single events
 * posted at {@code bench.rate} a second (open loop; a referral of a new person, then that person's take-up, so every
 * event changes someone the views count) for {@code bench.seconds}; for each event the time from its acceptance
 * (the append, recordedAt in the 201 answer) to visible in the analysis's views ({@link PlatformFreshness}). Baseline in the same run: a plain Kafka producer
 * to consumer on the same broker at the same rate ({@link RawKafkaLatency}). The service's own freshness timer
 * ({@code ete.projection.freshness}, from the append to visible) is printed beside it as a cross-check.
 * {@code -Dbench.jfr=DIR} records both services with JFR into DIR.
 */
public final class FreshnessBench {
    static final int WARM_UP_SECONDS = Integer.getInteger("bench.warm-up-seconds", 10);
    /** Pause between two readings of the applied counters. */
    static final long READ_PAUSE_MS = Long.getLong("bench.read-pause-ms", 10);

    /** Options: {@code --rate N} (events a second), {@code --seconds N} (measured); or -Dbench.rate, -Dbench.seconds. */
    public static void main(String[] args) throws Exception {
        int rate = Integer.getInteger("bench.rate", 500);
        int seconds = Integer.getInteger("bench.seconds", 60);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("usage: FreshnessBench [--rate N] [--seconds N]");
            }
        }
        PlatformInfra infra = PlatformInfra.start();
        String run = Long.toString(System.currentTimeMillis(), 36);
        String jfr = System.getProperty("bench.jfr");
        CompletableFuture<ServiceProcess> referralStart = CompletableFuture.supplyAsync(() ->
                start("referral-service", infra, "referral-fresh-" + run, jfr, Map.of()));
        CompletableFuture<ServiceProcess> analysisStart = CompletableFuture.supplyAsync(() ->
                start("reoffending-analysis-service", infra, "analysis-fresh-" + run, jfr,
                        Map.of("PROJECTION_GROUP_ID", "freshness-" + run)));
        try {
            measure(infra, run, referralStart.join(), analysisStart.join(), rate, seconds);
        } finally {
            // Whichever started is stopped, even if the other failed to (its start is awaited first).
            for (CompletableFuture<ServiceProcess> s : java.util.List.of(referralStart, analysisStart)) {
                ServiceProcess started = s.handle((service, failure) -> service).join();
                if (started != null) {
                    started.close();
                }
            }
        }
    }

    static void measure(PlatformInfra infra, String run, ServiceProcess referral, ServiceProcess analysis, int rate,
                        int seconds) throws Exception {
        try (VisibleCounts counts = new VisibleCounts(analysis.baseUrl(),
                org.ete.testsupport.AuthorizedRequests.bearer(), READ_PAUSE_MS)) {
            PlatformFreshness platform = new PlatformFreshness(referral.baseUrl(), counts);
            PlatformFreshness.Result warm;
            try {
                warm = platform.run('W', rate, WARM_UP_SECONDS);
            } catch (PlatformFreshness.NotKeptUp e) {
                System.out.printf("RATIO 5 freshness-p99-vs-raw-kafka: n/a (goal <= 3; %s)%n", e.getMessage());
                throw e;
            }
            System.out.printf("warm-up, %d s at %d events/s: visible %s%n", WARM_UP_SECONDS, rate, warm.all().summary());
            PlatformFreshness.Result p;
            try {
                p = platform.run('F', rate, seconds);
            } catch (PlatformFreshness.NotKeptUp e) {
                System.out.printf("RATIO 5 freshness-p99-vs-raw-kafka: n/a (goal <= 3; %s)%n", e.getMessage());
                throw e;
            }
            System.out.printf("platform, %d s at %d events/s (achieved %.0f/s), accepted (recordedAt) -> visible in the views:%n",
                    seconds, rate, p.achievedRate());
            System.out.printf("  all events  %s%n  referrals   %s%n  take-ups    %s%n", p.all().summary(),
                    p.referrals().summary(), p.takeUps().summary());
            System.out.printf("  POST itself (due -> answered) %s%n", p.posts().summary());
            System.out.printf("  readings of /v1/admin/projections: %s%n", counts.scrapeStats());
            System.out.printf("  the service's own timer (append -> visible, its rolling window, warm-up included): %s%n",
                    serviceTimer(counts.scrape()));

            Latencies raw = RawKafkaLatency.measure(infra, "bench.freshness.raw." + run, rate, seconds);
            System.out.printf("baseline, raw Kafka producer -> consumer, %d s at %d records/s: %s%n", seconds, rate,
                    raw.summary());

            double p99 = p.all().quantile(0.99), rawP99 = raw.quantile(0.99);
            double p50 = p.all().quantile(0.5), rawP50 = raw.quantile(0.5);
            System.out.printf("p50: platform %.1f ms vs raw Kafka %.1f ms (x%.1f)%n", p50, rawP50, p50 / rawP50);
            System.out.printf("RATIO 5 freshness-p99-vs-raw-kafka: %.1f (goal <= 3; p99 %.1f ms vs %.1f ms)%n",
                    p99 / rawP99, p99, rawP99);
        }
    }

    /** The {@code ete_projection_freshness_seconds} quantiles, max and count, in ms. */
    static String serviceTimer(String prometheus) {
        Map<String, String> values = new HashMap<>();
        for (String line : prometheus.split("\n")) {
            if (line.startsWith("ete_projection_freshness_seconds")) {
                int space = line.lastIndexOf(' ');
                values.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        return values.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> {
            String name = e.getKey().replace("ete_projection_freshness_seconds", "");
            double v = Double.parseDouble(e.getValue());
            return name.endsWith("_count") ? name + "=" + (long) v : name + "=" + String.format("%.1f ms", v * 1000);
        }).collect(Collectors.joining(", "));
    }

    private static ServiceProcess start(String module, PlatformInfra infra, String database, String jfrDir,
                                        Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        if (jfrDir != null) {
            all.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=filename=" + jfrDir + "/" + module
                    + ".jfr,settings=profile,dumponexit=true");
        }
        try {
            return ServiceProcess.start(module, infra, database, all);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private FreshnessBench() {
    }
}
