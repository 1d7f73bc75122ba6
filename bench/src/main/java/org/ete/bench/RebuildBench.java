package org.ete.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.ete.bench.scale.ScaleRig;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.ServiceProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Figure 3: a projection rebuild ({@code POST /v1/admin/projections/rebuild}, timed until its state is done: every
 * record read from offset 0 into a new generation, and the blue/green switch) against a raw Kafka consumer reading
 * the same four topics from the same broker in the same run (byte[] in, nothing done with them).
 * <p>
 * For each {@code --people} size (default 10000,100000: about 80,000 and 880,000 events) the topics are emptied and
 * loaded straight from the simulator ({@code --to-kafka}, records as the relays publish them), the packaged analysis
 * service (256 MB heap, as ServiceProcess runs it) makes its initial projection from offset 0 (timed too), then
 * {@code --runs} times (default 3): the raw read, then a rebuild. Prints the medians, the cost per event at each size
 * (flat is the goal) and {@code RATIO 3} at the largest size. {@code --jfr DIR} records the service with JFR.
 * The 1,000,000-people size is {@link TenMillionBench}.
 */
public final class RebuildBench {

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(10_000, 100_000);
        int runs = 3;
        Path jfr = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--people" -> sizes = Arrays.stream(args[++i].split(",")).map(String::trim)
                        .map(Integer::parseInt).toList();
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--jfr" -> jfr = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: RebuildBench [--people N,M] [--runs R] [--jfr DIR]");
            }
        }
        // The embedded MongoDB keeps every person of two generations in its heap during a rebuild.
        if (System.getProperty("ete.local-infra.jvm-args") == null) {
            System.setProperty("ete.local-infra.jvm-args", "-Xmx3g -XX:+UseParallelGC");
        }
        ScaleRig rig = new ScaleRig(PlatformInfra.start());
        List<SizeResult> results = new ArrayList<>();
        for (int people : sizes) {
            results.add(measure(rig, people, runs, jfr));
        }
        System.out.println();
        System.out.println("rebuild vs raw consumer (medians of " + runs + " runs):");
        System.out.println("  people      events   rebuild s  events/s   us/event | raw s   events/s  us/event | ratio "
                + "| initial projection s  events/s");
        for (SizeResult r : results) {
            System.out.printf(Locale.ROOT, "  %,9d %,10d  %8.1f  %,8.0f  %8.1f | %5.2f  %,9.0f  %7.2f | %.3f | %8.1f  %,8.0f%n",
                    r.people, r.events, r.rebuildSeconds, r.events / r.rebuildSeconds,
                    r.rebuildSeconds * 1e6 / r.events, r.rawSeconds, r.events / r.rawSeconds,
                    r.rawSeconds * 1e6 / r.events, r.rawSeconds / r.rebuildSeconds, r.initialSeconds,
                    r.events / r.initialSeconds);
        }
        if (results.size() > 1) {
            SizeResult first = results.get(0);
            SizeResult last = results.get(results.size() - 1);
            System.out.printf(Locale.ROOT, "  per-event cost of the rebuild, %,d vs %,d people: x%.2f (flat = 1)%n",
                    last.people, first.people, (last.rebuildSeconds / last.events) / (first.rebuildSeconds / first.events));
        }
        SizeResult top = results.get(results.size() - 1);
        System.out.printf(Locale.ROOT, "RATIO 3 rebuild-vs-raw-consumer: %.3f (goal >= 0.5; rebuild %,.0f events/s vs raw "
                        + "consumer %,.0f events/s, %,d events, %,d people, medians of %d)%n",
                top.rawSeconds / top.rebuildSeconds, top.events / top.rebuildSeconds, top.events / top.rawSeconds,
                top.events, top.people, runs);
    }

    record SizeResult(int people, long events, double initialSeconds, double rebuildSeconds, double rawSeconds) {
    }

    private static SizeResult measure(ScaleRig rig, int people, int runs, Path jfr) throws Exception {
        System.out.printf(Locale.ROOT, "=== %,d people%n", people);
        rig.freshTopics();
        Path dir = Files.createTempDirectory("rebuild-bench-" + people + "-");
        try {
            rig.load(people, dir).forEach(l -> System.out.println("  simulate: " + l));
        } finally {
            deleteTree(dir); // the topics hold the events now
        }
        long events = rig.records();
        String name = "rebuild-bench-" + people + "-" + System.nanoTime();
        String jvm = jfr == null ? null : "-XX:StartFlightRecording=filename=" + jfr.toAbsolutePath().resolve(name + ".jfr")
                + ",settings=profile,dumponexit=true";
        try (ServiceProcess service = rig.startAnalysis(name, jvm)) {
            double initial = rig.awaitProjected(service, events, Duration.ofHours(2));
            System.out.printf(Locale.ROOT, "  initial projection: %,d events in %.1f s (%,.0f events/s)%n", events,
                    initial, events / initial);
            double[] rebuild = new double[runs];
            double[] raw = new double[runs];
            ProcessHandle analysis = ScaleRig.analysisProcess();
            ProcessHandle infra = ScaleRig.infraProcess().orElse(null);
            for (int run = 0; run < runs; run++) {
                double infraCpu = infra == null ? Double.NaN : ScaleRig.cpuSeconds(infra);
                ScaleRig.RawRead read = rig.rawRead();
                double rawInfraCpu = infra == null ? Double.NaN : ScaleRig.cpuSeconds(infra) - infraCpu;
                if (read.records() != events) {
                    throw new IllegalStateException("raw consumer read " + read.records() + " of " + events);
                }
                raw[run] = read.seconds();
                double analysisCpu = ScaleRig.cpuSeconds(analysis);
                infraCpu = infra == null ? Double.NaN : ScaleRig.cpuSeconds(infra);
                ScaleRig.Rebuilt r = rig.rebuild(service, Duration.ofHours(2));
                rebuild[run] = r.seconds();
                System.out.printf(Locale.ROOT, "  run %d CPU: raw consumer %.1f s + broker %.1f s; rebuild: analysis %.1f s "
                                + "+ infra (Kafka + MongoDB) %.1f s = %.0f us/event%n", run + 1, read.cpuSeconds(),
                        rawInfraCpu, ScaleRig.cpuSeconds(analysis) - analysisCpu,
                        ScaleRig.cpuSeconds(infra) - infraCpu,
                        (ScaleRig.cpuSeconds(analysis) - analysisCpu + ScaleRig.cpuSeconds(infra) - infraCpu) * 1e6
                                / events);
                JsonNode progress = r.status().path("rebuild");
                System.out.printf(Locale.ROOT, "  run %d: raw consumer %.2f s (%,.0f events/s, %,d MB); rebuild %.1f s "
                                + "(%,.0f events/s; service says %s applied at %s/s, %s people)%n", run + 1, raw[run],
                        events / raw[run], read.bytes() >> 20, rebuild[run], events / rebuild[run],
                        progress.path("eventsApplied").asText(), progress.path("eventsPerSecond").asText(),
                        r.status().path("active").path("people").asText());
            }
            System.out.printf(Locale.ROOT, "  analysis service: RSS %.0f MB, heap after GC %s MB%n",
                    ScaleRig.rssMb(analysis), ScaleRig.heapAfterGcMb(analysis).map(v -> String.format(Locale.ROOT, "%.0f", v)).orElse("?"));
            return new SizeResult(people, events, initial, ScaleRig.median(rebuild), ScaleRig.median(raw));
        }
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
