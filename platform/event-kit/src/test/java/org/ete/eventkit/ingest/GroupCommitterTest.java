package org.ete.eventkit.ingest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The queueing and grouping of single requests: who is committed with whom, who gets which answer, back-pressure. */
class GroupCommitterTest {
    /** Every group the committer handed over, in order. */
    private final List<List<String>> groups = new CopyOnWriteArrayList<>();
    /** Each commit takes a permit, so a test holds the committer inside a commit while others queue up. */
    private final Semaphore commits = new Semaphore(0);
    /** Released as each commit starts: the test knows the committer has taken its group out of the queue. */
    private final Semaphore started = new Semaphore(0);
    private GroupCommitter<String, String> committer;

    private GroupCommitter<String, String> committer(int capacity, int maxGroup, Function<List<String>, List<String>> commit) {
        committer = new GroupCommitter<>("test-group-commit", capacity, maxGroup, group -> {
            groups.add(List.copyOf(group));
            started.release();
            commits.acquireUninterruptibly();
            return commit.apply(group);
        });
        return committer;
    }

    private static List<String> answered(List<String> group) {
        return group.stream().map(item -> item + ":ok").toList();
    }

    @AfterEach
    void stop() {
        commits.release(1_000);
        committer.stop(5_000);
    }

    @Test
    void aLoneRequestIsCommittedAtOnceOnItsOwn() throws Exception {
        commits.release(1);
        CompletableFuture<String> a = committer(10, 10, GroupCommitterTest::answered).submit("a");
        assertEquals("a:ok", a.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(List.of("a")), groups);
    }

    @Test
    void requestsArrivingDuringACommitAreCommittedTogetherInArrivalOrderEachWithItsOwnAnswer() throws Exception {
        GroupCommitter<String, String> c = committer(10, 10, GroupCommitterTest::answered);
        CompletableFuture<String> a = c.submit("a");
        assertTrue(started.tryAcquire(10, TimeUnit.SECONDS));
        CompletableFuture<String> b = c.submit("b");
        CompletableFuture<String> x = c.submit("x");
        CompletableFuture<String> d = c.submit("d");
        commits.release(2);
        assertEquals("a:ok", a.get(10, TimeUnit.SECONDS));
        assertEquals("b:ok", b.get(10, TimeUnit.SECONDS));
        assertEquals("x:ok", x.get(10, TimeUnit.SECONDS));
        assertEquals("d:ok", d.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(List.of("a"), List.of("b", "x", "d")), groups);
    }

    @Test
    void aGroupHoldsAtMostMaxGroupRequests() throws Exception {
        GroupCommitter<String, String> c = committer(10, 2, GroupCommitterTest::answered);
        c.submit("a");
        assertTrue(started.tryAcquire(10, TimeUnit.SECONDS));
        c.submit("b");
        c.submit("c");
        CompletableFuture<String> d = c.submit("d");
        commits.release(3);
        assertEquals("d:ok", d.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(List.of("a"), List.of("b", "c"), List.of("d")), groups);
    }

    @Test
    void aFullQueueRefusesAtOnceAndTakesRequestsAgainOnceItDrains() throws Exception {
        GroupCommitter<String, String> c = committer(2, 10, GroupCommitterTest::answered);
        CompletableFuture<String> a = c.submit("a");
        assertTrue(started.tryAcquire(10, TimeUnit.SECONDS));
        CompletableFuture<String> b = c.submit("b");
        CompletableFuture<String> x = c.submit("x");
        assertThrows(GroupCommitter.Busy.class, () -> c.submit("refused"));
        commits.release(2);
        assertEquals("a:ok", a.get(10, TimeUnit.SECONDS));
        assertEquals("b:ok", b.get(10, TimeUnit.SECONDS));
        assertEquals("x:ok", x.get(10, TimeUnit.SECONDS));
        commits.release(1);
        assertEquals("e:ok", c.submit("e").get(10, TimeUnit.SECONDS));
        assertTrue(groups.stream().noneMatch(g -> g.contains("refused")), "a refused request is never committed");
    }

    @Test
    void aFailedCommitFailsItsGroupOnlyAndTheCommitterGoesOn() throws Exception {
        GroupCommitter<String, String> c = committer(10, 10, group -> {
            if (group.contains("boom")) {
                throw new IllegalStateException("store down");
            }
            return answered(group);
        });
        commits.release(2);
        ExecutionException failed = assertThrows(ExecutionException.class, () -> c.submit("boom").get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, failed.getCause());
        assertEquals("next:ok", c.submit("next").get(10, TimeUnit.SECONDS));
    }

    @Test
    void stopCommitsWhatIsQueuedThenRefuses() throws Exception {
        GroupCommitter<String, String> c = committer(10, 10, GroupCommitterTest::answered);
        CompletableFuture<String> a = c.submit("a");
        assertTrue(started.tryAcquire(10, TimeUnit.SECONDS));
        CompletableFuture<String> b = c.submit("b");
        CountDownLatch stopped = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            c.stop(10_000);
            stopped.countDown();
        });
        stopper.start();
        commits.release(2);
        assertTrue(stopped.await(10, TimeUnit.SECONDS));
        assertEquals("a:ok", a.get());
        assertEquals("b:ok", b.get());
        assertThrows(GroupCommitter.Busy.class, () -> c.submit("late"));
    }

    @Test
    void aCommitterThatDiesLeavesNobodyWaitingAndTakesNothingMore() throws Exception {
        // The commit of "a" interrupts the committer's own thread: its next wait ends the loop.
        GroupCommitter<String, String> c = committer(10, 10, group -> {
            Thread.currentThread().interrupt();
            return answered(group);
        });
        CompletableFuture<String> a = c.submit("a");
        assertTrue(started.tryAcquire(10, TimeUnit.SECONDS)); // a's group is out of the queue and committing
        CompletableFuture<String> b = c.submit("b"); // queued behind a's commit
        commits.release(1);
        assertEquals("a:ok", a.get(10, TimeUnit.SECONDS));
        ExecutionException refused = assertThrows(ExecutionException.class, () -> b.get(10, TimeUnit.SECONDS));
        assertInstanceOf(GroupCommitter.Busy.class, refused.getCause());
        // A later submit is refused at once, never queued for a thread that is gone.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                CompletableFuture<String> late = c.submit("late");
                ExecutionException e = assertThrows(ExecutionException.class, () -> late.get(10, TimeUnit.SECONDS));
                assertInstanceOf(GroupCommitter.Busy.class, e.getCause());
            } catch (GroupCommitter.Busy expected) {
                break;
            }
            assertTrue(System.nanoTime() < deadline, "the committer still takes items after its thread ended");
        }
    }
}
