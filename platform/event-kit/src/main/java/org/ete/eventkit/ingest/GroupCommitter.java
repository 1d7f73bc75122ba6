package org.ete.eventkit.ingest;

import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Group commit: items submitted by many threads at once are committed together by one thread, each submitter
 * answered with its own result. The committer takes what is waiting (at least one, at most {@code maxGroup}, in
 * arrival order), commits it and repeats: no linger, so one item alone is committed at once, and under load a group
 * is what arrived during the previous commit. The queue is bounded: when it is full {@link #submit} refuses at once
 * rather than letting the backlog (and every waiter's latency) grow.
 *
 * @param <T> what is committed
 * @param <R> each item's result; {@code commit} returns one per item, in the group's order
 */
final class GroupCommitter<T, R> {
    private static final Logger LOG = Logger.getLogger(GroupCommitter.class);

    private final BlockingQueue<Waiting<T, R>> queue;
    private final int maxGroup;
    private final Function<List<T>, List<R>> commit;
    private final Thread thread;
    private volatile boolean running = true;

    private record Waiting<T, R>(T item, CompletableFuture<R> result) {
    }

    /** Thrown by {@link #submit} when the queue is full or the committer stopped: nothing was committed. */
    static final class Busy extends Exception {
        Busy(String message) {
            super(message, null, false, false);
        }
    }

    GroupCommitter(String name, int capacity, int maxGroup, Function<List<T>, List<R>> commit) {
        if (capacity < 1 || maxGroup < 1) {
            throw new IllegalArgumentException("capacity and maxGroup must be at least 1");
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxGroup = maxGroup;
        this.commit = commit;
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues {@code item}; the future completes with its result once its group is committed, or exceptionally with
     * what the commit threw (the whole group then failed, nothing of it is acknowledged).
     */
    CompletableFuture<R> submit(T item) throws Busy {
        if (!running) {
            throw new Busy("shutting down");
        }
        Waiting<T, R> w = new Waiting<>(item, new CompletableFuture<>());
        if (!queue.offer(w)) {
            throw new Busy("queue full (" + (queue.size() + queue.remainingCapacity()) + " waiting)");
        }
        if (!running && queue.remove(w)) {
            // stop() ran between the check above and the offer: its last drain may have missed this one
            throw new Busy("shutting down");
        }
        return w.result();
    }

    /** Commits what is already queued, then stops; anything submitted after that is refused with {@link Busy}. */
    void stop(long timeoutMillis) {
        running = false;
        try {
            thread.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The committer is gone (or stuck): whatever still waits is told so rather than left hanging.
        for (Waiting<T, R> w; (w = queue.poll()) != null; ) {
            w.result().completeExceptionally(new Busy("shutting down"));
        }
    }

    private void loop() {
        List<Waiting<T, R>> group = new ArrayList<>(maxGroup);
        try {
            while (running || !queue.isEmpty()) {
                // The poll's timeout only bounds how late a stop is noticed; an arrival wakes it at once.
                Waiting<T, R> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, maxGroup - 1);
                commit(group);
                group.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // However the thread ends (stop, interrupt, an Error outside a commit), nobody is left waiting and no
            // new item is taken: the group in hand and the queue are refused (nothing of them was acknowledged).
            running = false;
            Busy gone = new Busy("the committer stopped");
            group.forEach(w -> w.result().completeExceptionally(gone));
            for (Waiting<T, R> w; (w = queue.poll()) != null; ) {
                w.result().completeExceptionally(gone);
            }
        }
    }

    private void commit(List<Waiting<T, R>> group) {
        List<T> items = new ArrayList<>(group.size());
        for (Waiting<T, R> w : group) {
            items.add(w.item());
        }
        List<R> results;
        try {
            results = commit.apply(items);
            if (results.size() != items.size()) {
                throw new IllegalStateException(results.size() + " results for " + items.size() + " items");
            }
        } catch (RuntimeException | Error e) {
            LOG.debugf("Group commit of %d failed: %s", items.size(), e);
            for (Waiting<T, R> w : group) {
                w.result().completeExceptionally(e);
            }
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).result().complete(results.get(i));
        }
    }
}
