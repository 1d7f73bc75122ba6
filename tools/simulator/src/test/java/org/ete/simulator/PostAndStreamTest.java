package org.ete.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Posting in batches and streaming live, against an in-process fake of the services (no network). */
class PostAndStreamTest {

    private static Map<String, String> fakeTargets() {
        Map<String, String> t = new LinkedHashMap<>();
        for (String s : new String[] {"referral", "training", "employment", "peer-mentor"}) {
            t.put(s, "fake://" + s);
        }
        return t;
    }

    @Test
    void targetsParse() {
        assertEquals(Poster.LOCAL, Poster.targets("local"));
        Map<String, String> t = Poster.targets("referral=http://a:1, employment=http://b:2/");
        assertEquals("http://a:1", t.get("referral"));
        assertEquals("http://b:2/", t.get("employment"));
        assertEquals(2, t.size());
        assertThrows(IllegalArgumentException.class, () -> Poster.targets("payroll=http://x"));
        assertThrows(IllegalArgumentException.class, () -> Poster.targets("http://x"));
    }

    @Test
    void postsEveryEventInBatchesAndARetriedBatchComesBackAsDuplicates() throws Exception {
        Path dir = Fixtures.defaultRun();
        FakePlatform platform = new FakePlatform();
        platform.failAfterStoring.put("fake://training", 2); // the 2nd training batch "times out" after storing
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<Poster.Outcome> outcomes = Poster.post(dir, fakeTargets(), platform, 2_500,
                new PrintStream(progress, true, StandardCharsets.UTF_8));
        long total = 0;
        for (Poster.Outcome o : outcomes) {
            long lines = Poster.countLines(Poster.file(dir, o.service));
            total += lines;
            assertEquals(lines, o.sent.get(), o.service);
            assertEquals(0, o.rejected.get(), o.service + " " + o.samples);
            assertEquals(0, o.failed.get(), o.service);
            long expectedDuplicates = o.service.equals("training") ? 2_500 : 0;
            assertEquals(expectedDuplicates, o.duplicates.get(), o.service);
            assertEquals(lines, o.accepted.get() + o.duplicates.get(), o.service);
        }
        assertEquals(Fixtures.defaultStats().events(), total);
        assertEquals(total, platform.stored.size());
        assertTrue(platform.batchSizes.stream().allMatch(n -> n <= 2_500));
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("events"));
        // posting the same files again: all duplicates, nothing new
        List<Poster.Outcome> again = Poster.post(dir, fakeTargets(), platform, 10_000, null);
        for (Poster.Outcome o : again) {
            assertEquals(0, o.accepted.get());
            assertEquals(o.sent.get(), o.duplicates.get());
        }
        assertTrue(platform.batchSizes.stream().allMatch(n -> n <= 10_000));
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        Poster.summary(outcomes, 1.0, new PrintStream(summary, true, StandardCharsets.UTF_8));
        assertTrue(summary.toString(StandardCharsets.UTF_8).contains("duplicate"));
    }

    @Test
    void aLiveStreamHasRepeatsLateAndInvalidEventsAndOnlyTheInvalidAreRejected() throws Exception {
        Path dir = Fixtures.defaultRun();
        FakePlatform platform = new FakePlatform();
        Streamer.Options opt = new Streamer.Options(1e9, 0.05, 0.2, 0.03, 20_000, 4, 11, Days.of(2026, 11, 23));
        Streamer.Counters c = Streamer.stream(dir, fakeTargets(), platform, opt, null);
        assertEquals(20_000, c.sent.get());
        assertTrue(c.duplicatesSent.get() > 400, "repeats " + c.duplicatesSent.get());
        assertTrue(c.late.get() > 100, "late " + c.late.get());
        assertTrue(c.invalidSent.get() > 300, "invalid " + c.invalidSent.get());
        assertEquals(0, c.acceptedInvalid.get(), "an invalid event was accepted");
        assertEquals(c.invalidSent.get(), c.rejectedInvalid.get());
        assertEquals(0, c.rejectedOther.get(), "unexpected rejections: " + c.unexpected);
        assertEquals(0, c.errors.get());
        assertTrue(c.duplicateAnswers.get() >= c.duplicatesSent.get());
        assertEquals(c.sent.get(), c.accepted.get() + c.duplicateAnswers.get() + c.rejectedInvalid.get());
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        Streamer.summary(c, 1.0, new PrintStream(summary, true, StandardCharsets.UTF_8));
        assertTrue(summary.toString(StandardCharsets.UTF_8).contains("late (out of order)"));
    }

    @Test
    void theStreamIsReproducible() throws Exception {
        Path dir = Fixtures.defaultRun();
        Streamer.Options opt = new Streamer.Options(1e9, 0.05, 0.1, 0.02, 3_000, 1, 5, Days.of(2026, 11, 23));
        FakePlatform a = new FakePlatform();
        FakePlatform b = new FakePlatform();
        Streamer.stream(dir, fakeTargets(), a, opt, null);
        Streamer.stream(dir, fakeTargets(), b, opt, null);
        assertEquals(a.arrivals, b.arrivals);
    }

    @Test
    void aStreamStoppedAndStartedAgainWithAPositionFileSendsWhatOneRunWouldHave(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path dir = Fixtures.defaultRun();
        Path position = tmp.resolve("position");
        FakePlatform whole = new FakePlatform();
        Streamer.stream(dir, fakeTargets(), whole,
                new Streamer.Options(1e9, 0.05, 0.1, 0.02, 3_000, 1, 5, Days.of(2026, 11, 23)), null);
        FakePlatform resumed = new FakePlatform();
        Streamer.Options half = new Streamer.Options(1e9, 0.05, 0.1, 0.02, 1_500, 1, 5, Days.of(2026, 11, 23), position);
        Streamer.stream(dir, fakeTargets(), resumed, half, null);
        assertEquals(1_500, Streamer.readPosition(position));
        Streamer.stream(dir, fakeTargets(), resumed, half, null);
        assertEquals(3_000, Streamer.readPosition(position));
        assertEquals(whole.arrivals, resumed.arrivals);
    }
}
