package org.ete.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.ete.bench.scale.ScaleRig;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.ServiceProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A million take-ups (about 1.7 million people, 8.8 million events) straight onto the topics ({@code --to-kafka}),
 * projected from offset 0 by the packaged analysis service (256 MB heap), then the breakdowns answered through the API,
 * with what the service holds per person: its MongoDB collection's size and its heap after a full GC, each divided by
 * the people, and its resident set size (figure 6). The projection is timed against a raw consumer reading the same
 * topics in the same run (as figure 3). {@code --people N} for another size; {@code --rebuild} also times a rebuild
 * (it needs two generations in the embedded MongoDB and every state twice in the service's heap at the switch).
 * <p>
 * If the service cannot hold the people (heap) it dies or stalls: the bench says at how many people, with the memory
 * it measured on the way, rather than a figure it did not reach.
 */
public final class TenMillionBench {
    private static final String FROM = "2018-04-01";
    private static final String TO = "2021-03-31";
    private static final String AS_OF = "2022-10-01";

    public static void main(String[] args) throws Exception {
        int people = 1_000_000;
        boolean rebuild = false;
        Path jfr = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--people" -> people = Integer.parseInt(args[++i]);
                case "--rebuild" -> rebuild = true;
                case "--jfr" -> jfr = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: TenMillionBench [--people N] [--rebuild] [--jfr DIR]");
            }
        }
        // The embedded MongoDB keeps every person in its heap (the in-memory store the tests use).
        if (System.getProperty("ete.local-infra.jvm-args") == null) {
            System.setProperty("ete.local-infra.jvm-args", "-Xmx10g -XX:+UseParallelGC");
        }
        long benchStarted = System.nanoTime();
        ScaleRig rig = new ScaleRig(PlatformInfra.start());
        rig.freshTopics();
        Path dir = Files.createTempDirectory("tenmillion-bench-");
        long t = System.nanoTime();
        try {
            rig.load(people, dir).forEach(l -> System.out.println("simulate: " + l));
        } finally {
            RebuildBench.deleteTree(dir);
        }
        long events = rig.records();
        System.out.printf(Locale.ROOT, "loaded %,d events onto the topics in %.0f s%n", events, (System.nanoTime() - t) / 1e9);
        String name = "tenmillion-" + System.nanoTime();
        String jvm = jfr == null ? null : "-XX:StartFlightRecording=filename=" + jfr.toAbsolutePath().resolve(name + ".jfr")
                + ",settings=profile,dumponexit=true";
        try (ServiceProcess service = rig.startAnalysis(name, jvm); MongoClient mongo = MongoClients.create(rig.infra().mongoUri())) {
            ProcessHandle analysis = ScaleRig.analysisProcess();
            Projected projected = awaitProjected(rig, service, analysis, events);
            if (!projected.complete()) {
                System.out.printf(Locale.ROOT, "RATIO 6 rss-analysis-at-%,d-people: did not finish (the projection stopped at "
                                + "%,d people, %,d of %,d events: %s; last RSS %.0f MB, heap after GC %s)%n", people,
                        projected.people(), projected.handled(), events, projected.why(), projected.rssMb(),
                        projected.heapMb());
                return;
            }
            ScaleRig.RawRead raw = rig.rawRead();
            System.out.printf(Locale.ROOT, "initial projection %,d events in %.0f s (%,.0f events/s, %.0f us/event) vs raw "
                            + "consumer %.1f s (%,.0f events/s)%n", events, projected.seconds(), events / projected.seconds(),
                    projected.seconds() * 1e6 / events, raw.seconds(), raw.perSecond());
            double rebuildSeconds = Double.NaN;
            if (rebuild) {
                ScaleRig.Rebuilt r = rig.rebuild(service, Duration.ofHours(2));
                rebuildSeconds = r.seconds();
                System.out.printf(Locale.ROOT, "rebuild %,d events in %.0f s (%,.0f events/s)%n", events, r.seconds(),
                        events / r.seconds());
            }
            breakdowns(rig, service);
            JsonNode active = rig.status(service).path("active");
            int inIndex = active.path("people").asInt();
            String collection = "people_g" + active.path("generation").asInt();
            Document stats = mongo.getDatabase(name).runCommand(new Document("collStats", collection));
            double mongoBytes = ((Number) stats.get("size")).doubleValue();
            long docs = ((Number) stats.get("count")).longValue();
            double rss = ScaleRig.rssMb(analysis);
            double heap = ScaleRig.heapAfterGcMb(analysis).orElse(Double.NaN);
            double maxHeap = ScaleRig.maxHeapMb(analysis).orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "analysis service at %,d people (%,d documents): MongoDB %s %.0f MB = %,.0f bytes/person"
                            + " (BSON); heap after full GC %.0f MB = %,.0f bytes/person (index, cubes and the service's"
                            + " baseline); RSS %.0f MB; max heap %.0f MB%n", inIndex, docs, collection, mongoBytes / 1048576,
                    mongoBytes / docs, heap, heap * 1048576 / inIndex, rss, maxHeap);
            System.out.printf(Locale.ROOT, "bench took %.0f s%n", (System.nanoTime() - benchStarted) / 1e9);
            System.out.printf(Locale.ROOT, "RATIO 6 rss-analysis-at-%,d-people: %.0f MB (heap after GC %.0f of %.0f MB max, "
                            + "%,.0f bytes/person in heap, %,.0f bytes/person in MongoDB)%n", inIndex, rss, heap, maxHeap,
                    heap * 1048576 / inIndex, mongoBytes / docs);
            System.out.printf(Locale.ROOT, "RATIO 3 projection-vs-raw-consumer-at-%,d-events: %.3f (goal >= 0.5; %s %,.0f "
                            + "events/s vs raw consumer %,.0f events/s)%n", events,
                    (rebuild ? raw.seconds() / rebuildSeconds : raw.seconds() / projected.seconds()),
                    rebuild ? "rebuild" : "initial projection", events / (rebuild ? rebuildSeconds : projected.seconds()),
                    raw.perSecond());
        }
    }

    record Projected(boolean complete, double seconds, long handled, int people, String why, double rssMb,
                     String heapMb) {
    }

    /** Waits for the live projection to reach the end of the topics, watching the process and its memory. */
    private static Projected awaitProjected(ScaleRig rig, ServiceProcess service, ProcessHandle analysis, long events)
            throws Exception {
        long started = System.nanoTime();
        long lastHandled = -1;
        long lastProgress = started;
        long lastReport = started;
        int people = 0;
        double rss = Double.NaN;
        while (true) {
            if (!analysis.isAlive()) {
                return new Projected(false, 0, lastHandled, people, "the service process exited (see " + service.log()
                        + ")", rss, "?");
            }
            JsonNode active;
            try {
                active = rig.status(service).path("active");
            } catch (Exception e) {
                // a service short of heap answers late or not at all: that counts as no progress too
                if (System.nanoTime() - lastProgress > 300e9) {
                    return new Projected(false, 0, lastHandled, people, "no answer and no progress for 5 minutes ("
                            + e + ")", ScaleRig.rssMb(analysis), ScaleRig.heapAfterGcMb(analysis)
                            .map(v -> String.format(Locale.ROOT, "%.0f MB", v)).orElse("?"));
                }
                Thread.sleep(2000);
                continue;
            }
            long handled = active.path("recordsHandled").asLong();
            people = active.path("people").asInt();
            rss = ScaleRig.rssMb(analysis);
            long now = System.nanoTime();
            if (handled != lastHandled) {
                lastHandled = handled;
                lastProgress = now;
            }
            if (handled >= events && active.path("lag").isNumber() && active.path("lag").asLong() == 0) {
                return new Projected(true, (now - started) / 1e9, handled, people, null, rss, null);
            }
            if (now - lastReport > 30e9) {
                lastReport = now;
                System.out.printf(Locale.ROOT, "  %4.0f s: %,d of %,d events, %,d people, %,.0f events/s, RSS %.0f MB%n",
                        (now - started) / 1e9, handled, events, people, handled / ((now - started) / 1e9), rss);
            }
            if (now - lastProgress > 300e9) {
                return new Projected(false, 0, handled, people, "no progress for 5 minutes", rss,
                        ScaleRig.heapAfterGcMb(analysis).map(v -> String.format(Locale.ROOT, "%.0f MB", v)).orElse("?"));
            }
            Thread.sleep(2000);
        }
    }

    /** The breakdowns through the API, each answered three times (the median printed). */
    private static void breakdowns(ScaleRig rig, ServiceProcess service) throws Exception {
        List<String> queries = new ArrayList<>();
        for (String by : List.of("team", "contract-area", "region", "gender", "age-band", "ethnicity")) {
            queries.add("/v1/reoffending?cohort=ete&from=" + FROM + "&to=" + TO + "&asOf=" + AS_OF + "&by=" + by);
        }
        queries.add("/v1/reoffending?cohort=found-work&from=" + FROM + "&to=" + TO + "&asOf=" + AS_OF + "&by=team");
        queries.add("/v1/reoffending/alerts?by=team&asOf=" + AS_OF);
        queries.add("/v1/ete/outputs?from=" + FROM + "&to=" + TO + "&by=team");
        for (String q : queries) {
            double[] ms = new double[3];
            JsonNode body = null;
            for (int i = 0; i < ms.length; i++) {
                ScaleRig.Timed<JsonNode> r = rig.view(service, q);
                ms[i] = r.millis();
                body = r.value();
            }
            String text = body.toString();
            System.out.printf(Locale.ROOT, "  %-100s %7.1f ms  %s%n", q, ScaleRig.median(ms),
                    text.length() > 160 ? text.substring(0, 160) + "..." : text);
        }
    }
}
