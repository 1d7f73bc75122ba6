package org.ete.localinfra.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * mongo-java-server's H2 (MVStore file) backend with typed unique-index keys ({@link KeyValueDataType}) and documents
 * stored as BSON ({@link BsonDocumentDataType}), so data survives a restart without paying Java serialisation on every
 * index comparison and page write. Everything else (queries, commands, index maintenance) is the library's.
 *
 * <p>Index maps written this way cannot be read by the plain {@link H2Backend} and the other way round, so the data
 * directory carries a format marker and an unmarked or differently marked store is refused with a clear message.
 */
public final class TypedH2Backend extends H2Backend {
    static final String FORMAT = "mongo-java-server-h2 index-keys=typed-v1 documents=bson-v1";
    static final String MARKER = "mongodb.format";

    /** Assigned before the superclass constructor opens the databases already in the file (see {@link #open}). */
    private static final ThreadLocal<CollectionScans> OPENING = new ThreadLocal<>();

    private final CollectionScans scans;

    private TypedH2Backend(MVStore store, CollectionScans scans) {
        super(store); // opens the databases already in the file, through openOrCreateDatabase below
        this.scans = scans;
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        return CollectionScans.handles(command) ? scans.answer(query)
                : super.handleCommand(channel, databaseName, command, query);
    }

    /**
     * Opens (or creates) the store file {@code mongodb.mv} in {@code dataDir} with a page cache of {@code cacheMb}
     * MB. The cache matters: MVStore's default 16 MB holds a few thousand events, and every query the embedded
     * server cannot answer from a unique index (the outbox sweep, for one) is a collection scan that would then
     * read and deserialise each page from the file again.
     */
    public static TypedH2Backend open(Path dataDir, int cacheMb) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("mongodb.mv");
        Path marker = dataDir.resolve(MARKER);
        if (Files.exists(file)) {
            String found = Files.exists(marker) ? Files.readString(marker, StandardCharsets.UTF_8).trim() : "none";
            if (!found.equals(FORMAT)) {
                throw new IllegalStateException("The MongoDB data in " + file + " was written by an older local-infra "
                        + "(format '" + found + "', expected '" + FORMAT + "'). Remove it (./run.sh --clean) and start "
                        + "again.");
            }
        } else {
            Files.writeString(marker, FORMAT + "\n", StandardCharsets.UTF_8);
        }
        CollectionScans scans = new CollectionScans();
        OPENING.set(scans);
        try {
            return new TypedH2Backend(new MVStore.Builder().fileName(file.toString()).cacheSize(cacheMb).open(), scans);
        } finally {
            OPENING.remove();
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return TypedH2Database.create(databaseName, getMvStore(), getCursorRegistry(),
                scans != null ? scans : OPENING.get());
    }

    private static final class TypedH2Database extends H2Database {
        // H2Database's constructor opens existing indexes through openOrCreateUniqueIndex, before a field of this
        // subclass could be assigned; the store is handed over through this thread-local for that call.
        private static final ThreadLocal<MVStore> CONSTRUCTING = new ThreadLocal<>();

        private static final ThreadLocal<CollectionScans> CONSTRUCTING_SCANS = new ThreadLocal<>();

        private final MVStore store;
        private final CollectionScans scans;

        private TypedH2Database(String name, MVStore store, CursorRegistry cursors, CollectionScans scans) {
            super(name, store, cursors);
            this.store = store;
            this.scans = scans;
        }

        static TypedH2Database create(String name, MVStore store, CursorRegistry cursors, CollectionScans scans) {
            CONSTRUCTING.set(store);
            CONSTRUCTING_SCANS.set(scans);
            try {
                return new TypedH2Database(name, store, cursors, scans);
            } finally {
                CONSTRUCTING.remove();
                CONSTRUCTING_SCANS.remove();
            }
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            MVStore s = store != null ? store : CONSTRUCTING.get();
            // Same map name as the library's index maps.
            String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            MVMap<KeyValue, Object> map = s.openMap(mapName,
                    new MVMap.Builder<KeyValue, Object>().keyType(KeyValueDataType.INSTANCE));
            return new TypedH2UniqueIndex(map, indexName, keys, sparse);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            MVStore s = store != null ? store : CONSTRUCTING.get();
            String fullName = getFullCollectionNamespace(collectionName);
            // Same map names as the library's; the library's own later openMap calls get these open instances.
            MVMap<Object, Document> data = s.openMap("databases." + fullName,
                    new MVMap.Builder<Object, Document>().valueType(BsonDocumentDataType.INSTANCE));
            MVMap<String, Object> meta = s.openMap("meta." + fullName);
            return new ScanRecordingCollection(this, collectionName, options, data, meta, cursorRegistry,
                    scans != null ? scans : CONSTRUCTING_SCANS.get());
        }
    }

    private static final class ScanRecordingCollection extends H2Collection {
        private final CollectionScans scans;

        ScanRecordingCollection(MongoDatabase database, String name, CollectionOptions options,
                                MVMap<Object, Document> data, MVMap<String, Object> meta, CursorRegistry cursors,
                                CollectionScans scans) {
            super(database, name, options, data, meta, cursors);
            this.scans = scans;
        }

        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int numberToReturn,
                                             int batchSize, Document fieldSelector) {
            scans.record(getFullName(), query); // no index could answer: every document is read
            return super.matchDocuments(query, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
        }
    }
}
