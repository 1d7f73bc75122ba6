package org.ete.localinfra.mongo;

import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The collection scans the embedded server has run with a filter, by namespace and filter shape: a query, update or
 * delete that no index could answer. mongo-java-server has no {@code explain}, so this is how a test proves a hot
 * path is an index hit here: it reads (and resets) the ledger with the {@value #COMMAND} command on any database,
 * e.g. {@code db.runCommand({localInfraCollectionScans: 1, reset: true})}. A read without a filter (a deliberate
 * full read) and the server's own {@code system.*} collections are not recorded.
 */
public final class CollectionScans {
    /** The command that answers {@code {scans: [{ns, filter, count}], ok: 1}}; {@code reset: true} clears after. */
    public static final String COMMAND = "localInfraCollectionScans";

    /** Shared by every collection of a backend; scans are rare enough that contention does not matter. */
    private final Map<String, LongAdder> scans = new ConcurrentHashMap<>();

    /** Called by a collection before it scans every document for {@code query}. */
    void record(String namespace, Document query) {
        if (query == null || query.isEmpty() || namespace.contains(".system.")) {
            return;
        }
        scans.computeIfAbsent(namespace + " " + shape(query), k -> new LongAdder()).increment();
    }

    /** Whether {@code command} is this ledger's; then {@link #answer} answers it. */
    static boolean handles(String command) {
        return COMMAND.equalsIgnoreCase(command);
    }

    Document answer(Document query) {
        List<Document> out = new ArrayList<>();
        new TreeMap<>(scans).forEach((key, count) -> {
            int space = key.indexOf(' ');
            out.add(new Document("ns", key.substring(0, space)).append("filter", key.substring(space + 1))
                    .append("count", count.sum()));
        });
        if (Boolean.TRUE.equals(query.get("reset"))) {
            scans.clear();
        }
        return new Document("scans", out).append("ok", 1.0);
    }

    /** The filter with every value replaced by "?" and the operators kept: one entry per query shape. */
    static Document shape(Document query) {
        Document out = new Document();
        query.forEach((k, v) -> out.put(k, shapeOf(v)));
        return out;
    }

    private static Object shapeOf(Object v) {
        if (v instanceof Document d) {
            return shape(d);
        }
        if (v instanceof Collection<?> list && !list.isEmpty() && list.iterator().next() instanceof Document) {
            return list.stream().map(CollectionScans::shapeOf).toList(); // $and / $or branches
        }
        return "?";
    }
}
