package org.ete.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.ete.contracts.Service;

/**
 * Rendered events of one task, per producing service, each with its sort key: (domain date, person, sequence).
 * Sorted by key, a service's events are in the order they happened, and one person's events in the order the
 * rules need (same-day ties go by the person's sequence, which follows the story).
 *
 * <p>The lines live in one growing byte array per service (not one object per event), so holding millions of
 * events for the merge costs the garbage collector nothing.
 */
final class EventBatch {
    /** The four producing services, in output order. */
    static final Service[] SERVICES = {Service.REFERRAL, Service.TRAINING, Service.EMPLOYMENT, Service.PEER_MENTOR};
    private static final int KEY_EPOCH = Days.of(2000, 1, 1);

    /**
     * The bytes of all a task's events, in fixed chunks of {@link #CHUNK} bytes: big enough to be "humongous" to G1
     * (allocated once in the old generation, never copied), so holding millions of events costs the collector
     * next to nothing.
     */
    static final class Arena {
        static final int CHUNK = 8 << 20;
        byte[][] chunks = new byte[4][];
        int count;
        int used;

        /** Copies the line in and returns its address: chunk << 32 | offset. */
        long put(byte[] src, int length) {
            if (count == 0 || used + length > chunks[count - 1].length) {
                if (count == chunks.length) {
                    chunks = Arrays.copyOf(chunks, count * 2);
                }
                chunks[count++] = new byte[Math.max(CHUNK, length)];
                used = 0;
            }
            System.arraycopy(src, 0, chunks[count - 1], used, length);
            long address = ((long) (count - 1) << 32) | used;
            used += length;
            return address;
        }
    }

    /** The events of one service: keys and addresses in the task's arena. {@link #sort()} orders an index. */
    static final class Column {
        final Arena arena;
        long[] keys = new long[1024];
        long[] address = new long[1024];
        int[] lengths = new int[1024];
        /** After {@link #sort()}: the events in key order. */
        int[] order;
        int size;

        /** The smallest person number the task's keys can hold (for the packed sort). */
        long personBase;

        Column(Arena arena) {
            this.arena = arena;
        }

        void add(long key, byte[] src, int length) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                address = Arrays.copyOf(address, size * 2);
                lengths = Arrays.copyOf(lengths, size * 2);
            }
            keys[size] = key;
            address[size] = arena.put(src, length);
            lengths[size] = length;
            size++;
        }

        /** The key of the i-th event in sorted order. */
        long sortedKey(int i) {
            return keys[order[i]];
        }

        /** Writes the i-th event in sorted order and a newline. */
        void writeSorted(int i, OutputStream out) throws IOException {
            int e = order[i];
            out.write(arena.chunks[(int) (address[e] >>> 32)], (int) address[e], lengths[e]);
            out.write('\n');
        }

        /** Writes the i-th event in sorted order, without a newline. */
        void writeSortedLine(int i, OutputStream out) throws IOException {
            int e = order[i];
            out.write(arena.chunks[(int) (address[e] >>> 32)], (int) address[e], lengths[e]);
        }

        int sortedLength(int i) {
            return lengths[order[i]];
        }

        void sort() {
            order = new int[size];
            if (sortPacked()) {
                return;
            }
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            quicksort(0, size - 1);
        }

        /**
         * The fast path: day (16 bits), person relative to the task's first (17), sequence (8) and the event's
         * index (20) packed in one long, sorted as primitives. False if the task is too big for the packing.
         */
        private boolean sortPacked() {
            if (size >= (1 << 20)) {
                return false;
            }
            long[] packed = new long[size];
            for (int i = 0; i < size; i++) {
                long k = keys[i];
                long day = k >>> 35;
                long person = ((k >>> 8) & ((1L << 27) - 1)) - personBase;
                long seq = k & 0xFF;
                if (day >= (1 << 16) || person < 0 || person >= (1 << 17)) {
                    return false;
                }
                packed[i] = (day << 45) | (person << 28) | (seq << 20) | i;
            }
            Arrays.sort(packed);
            for (int i = 0; i < size; i++) {
                order[i] = (int) (packed[i] & ((1 << 20) - 1));
            }
            return true;
        }

        private void quicksort(int lo, int hi) {
            while (hi - lo > 16) {
                int mid = (lo + hi) >>> 1;
                if (keys[order[mid]] < keys[order[lo]]) {
                    swap(mid, lo);
                }
                if (keys[order[hi]] < keys[order[lo]]) {
                    swap(hi, lo);
                }
                if (keys[order[hi]] < keys[order[mid]]) {
                    swap(hi, mid);
                }
                long pivot = keys[order[mid]];
                int i = lo;
                int j = hi;
                while (i <= j) {
                    while (keys[order[i]] < pivot) {
                        i++;
                    }
                    while (keys[order[j]] > pivot) {
                        j--;
                    }
                    if (i <= j) {
                        swap(i, j);
                        i++;
                        j--;
                    }
                }
                if (j - lo < hi - i) {
                    quicksort(lo, j);
                    lo = i;
                } else {
                    quicksort(i, hi);
                    hi = j;
                }
            }
            for (int i = lo + 1; i <= hi; i++) {
                int e = order[i];
                long k = keys[e];
                int j = i - 1;
                while (j >= lo && keys[order[j]] > k) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = e;
            }
        }

        private void swap(int a, int b) {
            int t = order[a];
            order[a] = order[b];
            order[b] = t;
        }
    }

    private final Arena arena = new Arena();
    private final Column[] columns = new Column[SERVICES.length];

    EventBatch() {
        this(0);
    }

    /** A batch whose people have sort-key person numbers from {@code personBase} (a block's first, say). */
    EventBatch(long personBase) {
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new Column(arena);
            columns[i].personBase = personBase;
        }
    }

    static int slot(Service s) {
        return switch (s) {
            case REFERRAL -> 0;
            case TRAINING -> 1;
            case EMPLOYMENT -> 2;
            case PEER_MENTOR -> 3;
            default -> throw new IllegalArgumentException("not a producing service: " + s);
        };
    }

    /** Sort key: day (from 2000-01-01) above 27 bits of person and 8 bits of sequence. */
    static long key(int day, long person, int seq) {
        if (seq < 0 || seq > 255 || person < 0 || person >= (1L << 27) || day < KEY_EPOCH) {
            throw new IllegalArgumentException("key out of range: day " + day + " person " + person + " seq " + seq);
        }
        return ((long) (day - KEY_EPOCH) << 35) | (person << 8) | seq;
    }

    void add(Service service, long key, byte[] line, int length) {
        columns[slot(service)].add(key, line, length);
    }

    Column of(int slot) {
        return columns[slot];
    }

    int size() {
        int n = 0;
        for (Column c : columns) {
            n += c.size;
        }
        return n;
    }

    void sort() {
        for (Column c : columns) {
            c.sort();
        }
    }
}
