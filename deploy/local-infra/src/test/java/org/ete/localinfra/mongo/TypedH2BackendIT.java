package org.ete.localinfra.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The typed H2 store through the real driver over TCP: same answers as MongoDB, and they survive a restart. */
class TypedH2BackendIT {

    @TempDir
    Path dir;

    private static Document event(long position, String stream, int version, String id) {
        return new Document("_id", position).append("stream", stream).append("version", version)
                .append("source", "urn:test").append("id", id)
                .append("recordedAt", new Date(1_700_000_000_000L + position))
                .append("data", new Document("score", 0.25 * position).append("tags", List.of("a", "b"))
                        .append("nested", new Document("flag", true).append("none", null)))
                .append("oid", new ObjectId("65f000000000000000000001"))
                .append("publishedAt", null);
    }

    @Test
    void uniqueIndexesAndDocumentsBehaveAsBeforeAndSurviveARestart() throws Exception {
        List<Document> written = new ArrayList<>();
        try (Served s = Served.open(dir)) {
            MongoCollection<Document> events = s.client.getDatabase("db").getCollection("events");
            events.createIndex(Indexes.ascending("stream", "version"), new IndexOptions().unique(true));
            events.createIndex(Indexes.ascending("source", "id"), new IndexOptions().unique(true));
            for (int i = 1; i <= 300; i++) {
                Document d = event(i, "person-" + (i % 40), i / 40 + 1, "e" + i);
                events.insertOne(d);
                written.add(d);
            }
            assertDuplicate(() -> events.insertOne(event(1_000, "person-1", 1, "fresh")));   // (stream, version)
            assertDuplicate(() -> events.insertOne(event(1_001, "person-x", 1, "e7")));      // (source, id)
            assertDuplicate(() -> events.insertOne(event(7, "person-y", 1, "other")));       // _id
            // Numbers compare as numbers, as in MongoDB: an int and a long of the same value are one key.
            assertEquals(written.get(40), events.find(new Document("stream", "person-1").append("version", 2L)).first());
            assertEquals(3, events.find(Filters.in("_id", 5L, 6, 7.0, 9_999L)).into(new ArrayList<>()).size());
            events.updateOne(new Document("_id", 5L), Updates.set("publishedAt", new Date(42)));
        }
        try (Served s = Served.open(dir)) {
            MongoCollection<Document> events = s.client.getDatabase("db").getCollection("events");
            assertEquals(300, events.countDocuments());
            Document five = events.find(new Document("_id", 5L)).first();
            assertEquals(new Date(42), five.getDate("publishedAt"));
            five.put("publishedAt", null);
            assertEquals(written.get(4), five, "every BSON type read back as written");
            assertEquals(written.get(299), events.find(new Document("source", "urn:test").append("id", "e300")).first());
            assertDuplicate(() -> events.insertOne(event(2_000, "person-3", 1, "again")));
            assertDuplicate(() -> events.insertOne(event(2_001, "person-z", 1, "e300")));
            assertNull(events.find(new Document("stream", "person-3").append("version", 99)).first());
        }
    }

    @Test
    void aStoreWrittenByThePlainBackendIsRefusedWithAClearMessage() throws Exception {
        H2Backend plain = new H2Backend(dir.resolve("mongodb.mv").toString());
        MongoServer server = new MongoServer(plain);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            client.getDatabase("db").getCollection("c").insertOne(new Document("_id", 1));
        } finally {
            server.shutdown();
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TypedH2Backend.open(dir, 16));
        assertTrue(e.getMessage().contains("--clean"), e.getMessage());
    }

    private static void assertDuplicate(Runnable write) {
        MongoWriteException e = assertThrows(MongoWriteException.class, write::run);
        assertEquals(ErrorCategory.DUPLICATE_KEY, e.getError().getCategory());
    }

    private record Served(MongoServer server, MongoClient client) implements AutoCloseable {
        static Served open(Path dir) throws Exception {
            MongoServer server = new MongoServer(TypedH2Backend.open(dir, 16));
            InetSocketAddress address = server.bind();
            return new Served(server, MongoClients.create("mongodb://127.0.0.1:" + address.getPort()));
        }

        @Override
        public void close() {
            client.close();
            server.shutdown(); // closes and commits the MVStore file
        }
    }
}
