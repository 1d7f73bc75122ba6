package org.ete.localinfra.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Benchmark, not a test ({@code bench/run store}): the event store's write pattern through the real driver over TCP
 * on three backends of the embedded MongoDB: the library's plain H2 file store (the baseline), the typed H2 store of
 * ADR 0006, and the in-memory store (what tests use; no persistence). Per batch of 2,000 events: one point lookup per
 * event on the (stream, version) index (the stream read), an ordered insertMany with three unique indexes, and one
 * bulk of point updates marking them published (the relay). Prints the median of the runs and the ratios.
 */
public final class StoreBench {
    private static final int EVENTS = Integer.getInteger("events", 20_000);
    private static final int RUNS = Integer.getInteger("runs", 3);
    private static final int BATCH = 2_000;
    private static final int EVENTS_PER_STREAM = 5;

    interface BackendFactory {
        MongoBackend open(Path dir) throws IOException;
    }

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "store bench: %,d events in batches of %,d, %d runs per backend, median%n",
                EVENTS, BATCH, RUNS);
        double plain = median("plain H2 file store (library default, baseline)",
                dir -> new H2Backend(dir.resolve("mongodb.mv").toString()));
        double typed = median("typed H2 file store (ADR 0006)", dir -> TypedH2Backend.open(dir, 256));
        double memory = median("in-memory store (tests; no persistence)", dir -> new MemoryBackend());
        System.out.printf(Locale.ROOT, "%n| store | median s | events/s | vs plain H2 |%n|---|---|---|---|%n");
        row("plain H2 (baseline)", plain, plain);
        row("typed H2", typed, plain);
        row("in memory", memory, plain);
    }

    private static void row(String name, double seconds, double baseline) {
        System.out.printf(Locale.ROOT, "| %s | %.2f | %,.0f | x%.2f faster |%n", name, seconds, EVENTS / seconds,
                baseline / seconds);
    }

    private static double median(String name, BackendFactory factory) throws Exception {
        double[] times = new double[RUNS];
        for (int r = 0; r < RUNS; r++) {
            Path dir = Files.createTempDirectory("store-bench-");
            try {
                times[r] = run(factory.open(dir));
            } finally {
                delete(dir);
            }
            System.out.printf(Locale.ROOT, "  %s, run %d: %.2f s%n", name, r + 1, times[r]);
        }
        Arrays.sort(times);
        return times[RUNS / 2];
    }

    private static double run(MongoBackend backend) {
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> events = client.getDatabase("bench").getCollection("events");
            events.createIndex(Indexes.ascending("stream", "version"), new IndexOptions().unique(true));
            events.createIndex(Indexes.ascending("source", "id"), new IndexOptions().unique(true));
            long started = System.nanoTime();
            for (int first = 0; first < EVENTS; first += BATCH) {
                List<Document> batch = new ArrayList<>(BATCH);
                List<UpdateOneModel<Document>> marks = new ArrayList<>(BATCH);
                for (long position = first; position < Math.min(EVENTS, first + BATCH); position++) {
                    String stream = "person-" + position / EVENTS_PER_STREAM;
                    int version = (int) (position % EVENTS_PER_STREAM) + 1;
                    events.find(new Document("stream", stream).append("version", version)).first();
                    batch.add(event(position, stream, version));
                    marks.add(new UpdateOneModel<>(new Document("_id", position),
                            Updates.set("publishedAt", new Date())));
                }
                events.insertMany(batch, new InsertManyOptions().ordered(true));
                events.bulkWrite(marks, new BulkWriteOptions().ordered(false));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (events.countDocuments() != EVENTS) {
                throw new IllegalStateException("lost events");
            }
            return seconds;
        } finally {
            server.shutdown();
        }
    }

    /** An event document of the size and shape the referral service stores. */
    private static Document event(long position, String stream, int version) {
        return new Document("_id", position).append("stream", stream).append("version", version)
                .append("type", "ete.referral.received.v1").append("schemaVersion", 1)
                .append("occurredAt", "2019-05-01").append("recordedAt", new Date())
                .append("source", "urn:bench").append("id", "e-" + position).append("time", null)
                .append("data", new Document("referralDate", "2019-05-01").append("setting", "community")
                        .append("contractArea", "DLNR").append("region", "East Midlands")
                        .append("team", "Nottingham North").append("office", "Nottingham").append("gender", "male")
                        .append("dateOfBirth", "1990-02-14").append("ethnicity", "white")
                        .append("offenceCategory", "burglary-domestic").append("ogrs3OneYearPercent", 35.5)
                        .append("ogrs3TwoYearPercent", 52.0))
                .append("derived", new Document("ogrs3", new Document("oneYear", 0.355).append("twoYear", 0.52)))
                .append("publishedAt", null);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
