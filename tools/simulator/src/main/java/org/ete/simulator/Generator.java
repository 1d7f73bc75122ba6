package org.ete.simulator;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Runs the blocks and Academy replicas on worker threads, then writes one NDJSON file per service in the order the
 * events happened ({@code referral.ndjson}, {@code training.ndjson}, {@code employment.ndjson},
 * {@code peer-mentor.ndjson}). Each task sorts its own events; small runs are merged in memory, large ones are
 * spilled as sorted runs and merged from disk, so memory stays bounded whatever {@code --people} is.
 */
final class Generator {

    static final String[] FILES = {"referral.ndjson", "training.ndjson", "employment.ndjson", "peer-mentor.ndjson"};
    /** Up to this many tasks (blocks + Academy chunks) are always merged in memory. */
    static final int IN_MEMORY_TASKS = 6;
    /** Bytes of heap an event takes while held for the merge (line, array header, key, reference): about. */
    static final int BYTES_PER_EVENT = 300;
    /** Events per take-up of the window, everyone included (about). */
    static final double EVENTS_PER_TAKE_UP = 9.0;

    /** Heap the in-memory merge would need; more than ~45% of the maximum heap spills sorted runs to disk. */
    static double estimatedBytes(SimConfig config) {
        return config.people() * EVENTS_PER_TAKE_UP * BYTES_PER_EVENT;
    }
    static final int ACADEMY_REPLICAS_PER_TASK = 25;

    /** What a run produced. */
    record Stats(long takeUps, long people, long candidates, long[] eventsPerService, double seconds) {
        long events() {
            long n = 0;
            for (long e : eventsPerService) {
                n += e;
            }
            return n;
        }

        double eventsPerSecond() {
            return seconds <= 0 ? 0 : events() / seconds;
        }
    }

    private Generator() {
    }

    static Stats generate(SimConfig config, Path out) {
        return generate(config, out, false);
    }

    /** {@code forceSpill}: merge through sorted runs on disk even when the events would fit in memory (tests). */
    static Stats generate(SimConfig config, Path out, boolean forceSpill) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        int blocks = config.blocks();
        int replicas = config.academyReplicas();
        int academyTasks = (replicas + ACADEMY_REPLICAS_PER_TASK - 1) / ACADEMY_REPLICAS_PER_TASK;
        int tasks = blocks + academyTasks;
        boolean spill = forceSpill
                || tasks > IN_MEMORY_TASKS && estimatedBytes(config) > 0.45 * Runtime.getRuntime().maxMemory();
        Path runs = out.resolve(".runs-" + Long.toHexString(System.nanoTime()));
        AtomicLong people = new AtomicLong();
        AtomicLong candidates = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(config.threads(), tasks), r -> {
            Thread t = new Thread(r, "simulator-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            if (spill) {
                Files.createDirectories(runs);
            }
            List<Future<EventBatch>> futures = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                final int task = t;
                futures.add(pool.submit(() -> {
                    EventBatch batch = new EventBatch(task < blocks ? (long) task * BlockGenerator.CAPACITY
                            : Emitter.ACADEMY_KEY_BASE
                            + (long) (task - blocks) * ACADEMY_REPLICAS_PER_TASK * Emitter.ACADEMY_KEYS_PER_REPLICA);
                    Emitter emitter = new Emitter(config.seed());
                    if (task < blocks) {
                        Person[] ps = new BlockGenerator(config, task, config.blockSize(task)).generate();
                        for (Person p : ps) {
                            emitter.person(p, batch);
                        }
                        people.addAndGet(ps.length);
                    } else {
                        int first = (task - blocks) * ACADEMY_REPLICAS_PER_TASK;
                        for (int r = first; r < Math.min(replicas, first + ACADEMY_REPLICAS_PER_TASK); r++) {
                            List<AcademyGenerator.Candidate> cs = new AcademyGenerator(config.seed(), r).generate();
                            for (AcademyGenerator.Candidate c : cs) {
                                emitter.candidate(r, c, batch);
                            }
                            candidates.addAndGet(cs.size());
                        }
                    }
                    batch.sort();
                    if (spill) {
                        spillRuns(batch, runs, task);
                        return null;
                    }
                    return batch;
                }));
            }
            List<EventBatch> batches = new ArrayList<>();
            for (Future<EventBatch> f : futures) {
                EventBatch b = f.get();
                if (b != null) {
                    batches.add(b);
                }
            }
            long[] counts = new long[FILES.length];
            List<Future<Long>> merges = new ArrayList<>();
            for (int s = 0; s < FILES.length; s++) {
                final int slot = s;
                merges.add(pool.submit(() -> spill
                        ? mergeRuns(runs, slot, out.resolve(FILES[slot]))
                        : mergeMemory(batches, slot, out.resolve(FILES[slot]))));
            }
            for (int s = 0; s < FILES.length; s++) {
                counts[s] = merges.get(s).get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Stats(config.people(), people.get(), candidates.get(), counts, seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pool.shutdownNow();
            deleteQuietly(runs);
        }
    }

    private static void spillRuns(EventBatch batch, Path runs, int task) throws IOException {
        for (int s = 0; s < FILES.length; s++) {
            EventBatch.Column col = batch.of(s);
            if (col.size == 0) {
                continue;
            }
            Path file = runs.resolve(String.format("run-%d-%06d.bin", s, task));
            try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 18))) {
                for (int i = 0; i < col.size; i++) {
                    o.writeLong(col.sortedKey(i));
                    o.writeInt(col.sortedLength(i));
                    col.writeSortedLine(i, o);
                }
            }
        }
    }

    private static final class Run {
        final DataInputStream in;
        long key;
        byte[] line;

        Run(DataInputStream in) {
            this.in = in;
        }

        boolean next() throws IOException {
            try {
                key = in.readLong();
            } catch (EOFException e) {
                return false;
            }
            line = new byte[in.readInt()];
            in.readFully(line);
            return true;
        }
    }

    private static long mergeRuns(Path runs, int slot, Path target) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(runs)) {
            files = list.filter(p -> p.getFileName().toString().startsWith("run-" + slot + "-")).sorted().toList();
        }
        PriorityQueue<Run> queue = new PriorityQueue<>(Comparator.comparingLong((Run r) -> r.key));
        List<DataInputStream> open = new ArrayList<>();
        long n = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 20)) {
            for (Path f : files) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(f), 1 << 16));
                open.add(in);
                Run r = new Run(in);
                if (r.next()) {
                    queue.add(r);
                }
            }
            while (!queue.isEmpty()) {
                Run r = queue.poll();
                out.write(r.line);
                out.write('\n');
                n++;
                if (r.next()) {
                    queue.add(r);
                }
            }
        } finally {
            for (DataInputStream in : open) {
                in.close();
            }
        }
        return n;
    }

    private static long mergeMemory(List<EventBatch> batches, int slot, Path target) throws IOException {
        List<EventBatch.Column> cols = new ArrayList<>();
        for (EventBatch b : batches) {
            if (b.of(slot).size > 0) {
                cols.add(b.of(slot));
            }
        }
        int k = cols.size();
        int[] pos = new int[k];
        long[] head = new long[k];
        int[] heap = new int[k];
        for (int c = 0; c < k; c++) {
            head[c] = cols.get(c).sortedKey(0);
            heap[c] = c;
        }
        int n = k;
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(heap, head, i, n);
        }
        long count = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 20)) {
            while (n > 0) {
                int c = heap[0];
                EventBatch.Column col = cols.get(c);
                col.writeSorted(pos[c], out);
                count++;
                if (++pos[c] < col.size) {
                    head[c] = col.sortedKey(pos[c]);
                } else {
                    heap[0] = heap[--n];
                }
                siftDown(heap, head, 0, n);
            }
        }
        return count;
    }

    /** Min-heap of column ids ordered by their current key. */
    private static void siftDown(int[] heap, long[] head, int i, int n) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= n) {
                return;
            }
            int r = l + 1;
            int m = r < n && head[heap[r]] < head[heap[l]] ? r : l;
            if (head[heap[m]] >= head[heap[i]]) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[m];
            heap[m] = t;
            i = m;
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
