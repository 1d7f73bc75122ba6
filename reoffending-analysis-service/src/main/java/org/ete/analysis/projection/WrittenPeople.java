package org.ete.analysis.projection;

import org.bson.RawBsonDocument;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this process knows of the people it wrote, so a batch need not read them back before writing: the documents
 * written lately (bounded by bytes, least recently used first out, as sent: BSON bytes) and, per generation whose
 * every document this process has seen, a Bloom filter of the people in it (a person it does not hold was never
 * written, so the batch inserts without a read).
 * <p>
 * Only a shortcut, never the truth: every write stays a compare-and-set on the version read or remembered (an insert
 * for a person believed absent), so a document changed or deleted behind this process's back (another instance, an
 * erasure, a dead-letter replay) makes the write lose and the batch falls back to reading, exactly as before.
 */
final class WrittenPeople {
    /** A person's document as this process last wrote it into {@code generation}. */
    record Written(long version, RawBsonDocument document) {
    }

    private record Key(int generation, String personId) {
    }

    private final long maxBytes;
    private final Map<Integer, Bloom> complete = new ConcurrentHashMap<>();
    private final LinkedHashMap<Key, Written> recent = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;

    WrittenPeople(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The document last written, or null if not remembered. */
    synchronized Written recent(int generation, String personId) {
        return recent.get(new Key(generation, personId));
    }

    /**
     * True if the person is known to have no document in {@code generation}: the generation's every document has been
     * seen by this process ({@link #knowAll}) and this person was never among them nor written since.
     */
    boolean knownAbsent(int generation, String personId) {
        Bloom b = complete.get(generation);
        return b != null && !b.mightContain(personId);
    }

    /** Remembers a document just written (its write won). */
    synchronized void written(int generation, String personId, long version, RawBsonDocument document) {
        Bloom b = complete.get(generation);
        if (b != null) {
            b.add(personId);
        }
        Written previous = recent.put(new Key(generation, personId), new Written(version, document));
        bytes += document.getByteBuffer().remaining() - (previous == null ? 0 : previous.document().getByteBuffer()
                .remaining());
        var eldest = recent.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().document().getByteBuffer().remaining();
            eldest.remove();
        }
    }

    /**
     * Someone wrote the person by another path (one-by-one, or a document deleted): forget the remembered document;
     * the person may exist now.
     */
    synchronized void touched(int generation, String personId) {
        Bloom b = complete.get(generation);
        if (b != null) {
            b.add(personId);
        }
        Written previous = recent.remove(new Key(generation, personId));
        if (previous != null) {
            bytes -= previous.document().getByteBuffer().remaining();
        }
    }

    /** A set of people being learned, e.g. while every document of a generation is read. */
    static Bloom learning() {
        return new Bloom();
    }

    /**
     * From now on this process knows every document of {@code generation}: those {@code seen} holds and what it writes
     * from now on. A generation already known stays as it is (what it knows already includes {@code seen}).
     */
    void knowAll(int generation, Bloom seen) {
        complete.putIfAbsent(generation, seen);
    }

    /** The generation's collection is gone (dropped): forget everything about it. */
    synchronized void forget(int generation) {
        complete.remove(generation);
        var it = recent.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getKey().generation() == generation) {
                bytes -= e.getValue().document().getByteBuffer().remaining();
                it.remove();
            }
        }
    }

    /**
     * 2^24 bits (2 MB) and 4 probes: about 1% false positives at 1.7 million people (a false positive only costs the
     * read this filter saves), more beyond. Thread-safe for one writer thread per generation plus readers: a bit
     * once set stays set, and a reader seeing a stale word only reads a person it could have skipped.
     */
    static final class Bloom {
        private static final int BITS_LOG2 = 24;
        private static final int PROBES = 4;
        private final long[] words = new long[1 << (BITS_LOG2 - 6)];

        synchronized void add(String id) {
            long h = hash(id);
            int h1 = (int) h;
            int h2 = (int) (h >>> 32);
            for (int i = 0; i < PROBES; i++) {
                int bit = (h1 + i * h2) >>> (32 - BITS_LOG2);
                words[bit >>> 6] |= 1L << bit;
            }
        }

        synchronized boolean mightContain(String id) {
            long h = hash(id);
            int h1 = (int) h;
            int h2 = (int) (h >>> 32);
            for (int i = 0; i < PROBES; i++) {
                int bit = (h1 + i * h2) >>> (32 - BITS_LOG2);
                if ((words[bit >>> 6] & (1L << bit)) == 0) {
                    return false;
                }
            }
            return true;
        }

        /** FNV-1a over the characters, then a final mix (person ids are hex, but tests use any string). */
        private static long hash(String s) {
            long h = 0xcbf29ce484222325L;
            for (int i = 0; i < s.length(); i++) {
                h = (h ^ s.charAt(i)) * 0x100000001b3L;
            }
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            return h;
        }
    }
}
