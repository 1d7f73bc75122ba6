package org.ete.localinfra.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/** The library's in-memory backend (what tests use) with its collection scans recorded in {@link CollectionScans}. */
public final class ScanRecordingMemoryBackend extends MemoryBackend {
    private final CollectionScans scans = new CollectionScans();

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry(), scans);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        return CollectionScans.handles(command) ? scans.answer(query)
                : super.handleCommand(channel, databaseName, command, query);
    }

    private static final class Database extends MemoryDatabase {
        private final CollectionScans scans;

        Database(String name, CursorRegistry cursors, CollectionScans scans) {
            super(name, cursors);
            this.scans = scans;
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            // The superclass constructor opens the system collections through here before scans is assigned.
            return scans == null ? super.openOrCreateCollection(collectionName, options)
                    : new Collection(this, collectionName, options, cursorRegistry, scans);
        }
    }

    private static final class Collection extends MemoryCollection {
        private final CollectionScans scans;

        Collection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors,
                   CollectionScans scans) {
            super(database, name, options, cursors);
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
