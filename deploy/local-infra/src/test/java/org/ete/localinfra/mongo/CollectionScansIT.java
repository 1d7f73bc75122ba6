package org.ete.localinfra.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scan ledger on both backends local-infra serves (in memory for tests, typed H2 for ./run.sh), over TCP. */
class CollectionScansIT {
    @TempDir
    Path dir;

    private MongoBackend backend(String kind) throws Exception {
        return kind.equals("memory") ? new ScanRecordingMemoryBackend() : TypedH2Backend.open(dir, 16);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "typed-h2"})
    void recordsEveryFilteredScanAndNoIndexHit(String kind) throws Exception {
        MongoServer server = new MongoServer(backend(kind));
        InetSocketAddress at = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + at.getPort())) {
            MongoDatabase db = client.getDatabase("scans");
            MongoCollection<Document> people = db.getCollection("people");
            people.createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true).name("cas"));
            for (int i = 0; i < 20; i++) {
                people.insertOne(new Document("_id", "p" + i).append("version", 1L).append("team", "t" + (i % 3)));
            }
            scans(db, true); // the inserts' own bookkeeping is not what this test is about

            // index hits: _id equality, _id $in, the compound unique index at full-key equality, a replace through it
            people.find(Filters.eq("_id", "p1")).first();
            people.find(Filters.in("_id", List.of("p2", "p3"))).into(new java.util.ArrayList<>());
            people.bulkWrite(List.of(new ReplaceOneModel<>(new Document("_id", "p4").append("version", 1L),
                    new Document("_id", "p4").append("version", 2L).append("team", "t1"))));
            people.find().into(new java.util.ArrayList<>()); // a deliberate full read: no filter, not a scan to flag
            assertEquals(List.of(), scans(db, false), "index hits and unfiltered reads are not recorded");

            // scans: a field with no index, $and (never served by an index here), an update and a delete by one
            people.find(Filters.eq("team", "t1")).into(new java.util.ArrayList<>());
            people.find(Filters.eq("team", "t2")).into(new java.util.ArrayList<>());
            people.find(Filters.and(Filters.eq("_id", "p1"), Filters.eq("version", 1L))).first();
            people.updateOne(Filters.eq("team", "t0"), Updates.set("x", 1));
            people.deleteOne(Filters.gt("version", 5L));
            List<Document> found = scans(db, true);
            assertEquals(3, found.size(), found.toString()); // team (find, find, update), $and, $gt
            Document byTeam = found.stream().filter(d -> d.getString("filter").contains("team")).findFirst().orElseThrow();
            assertEquals("scans.people", byTeam.getString("ns"));
            assertEquals(3L, ((Number) byTeam.get("count")).longValue(), "two finds and one update by team");
            assertTrue(found.stream().anyMatch(d -> d.getString("filter").contains("$and")), found.toString());
            assertTrue(found.stream().anyMatch(d -> d.getString("filter").contains("$gt")), found.toString());
            assertTrue(found.stream().noneMatch(d -> d.getString("filter").contains("t1")), "values are not kept");
            assertEquals(List.of(), scans(db, false), "reset clears the ledger");
        } finally {
            server.shutdownNow();
        }
    }

    private static List<Document> scans(MongoDatabase db, boolean reset) {
        return db.runCommand(new Document(CollectionScans.COMMAND, 1).append("reset", reset))
                .getList("scans", Document.class);
    }
}
