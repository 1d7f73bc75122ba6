package org.ete.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Same seed, same bytes: whatever the thread count or the merge path. Another seed, other events and ids. */
class DeterminismTest {

    private static SimConfig config(long seed, int people, int threads) {
        return SimConfig.defaults().withSeed(seed).withPeople(people).withThreads(threads);
    }

    private static void assertSameFiles(Path a, Path b) throws IOException {
        for (String f : Generator.FILES) {
            byte[] x = Files.readAllBytes(a.resolve(f));
            byte[] y = Files.readAllBytes(b.resolve(f));
            assertTrue(x.length > 0, f + " is empty");
            assertArrayEquals(x, y, f + " differs between two runs with the same seed");
        }
    }

    @Test
    void theDefaultSeedRegeneratesByteForByteWithOneThreadAndSpilledRuns() throws IOException {
        Path first = Fixtures.defaultRun();
        Path again = Fixtures.tempDir("sim-again");
        Generator.generate(config(SimConfig.DEFAULT_SEED, Targets.TOOK_UP, 1), again, true);
        assertSameFiles(first, again);
        // no temporary runs are left behind
        try (var list = Files.list(again)) {
            assertEquals(Generator.FILES.length, list.count());
        }
    }

    @Test
    void severalBlocksAreIndependentOfThreadsAndMergePath() throws IOException {
        Path a = Fixtures.tempDir("sim-blocks-a");
        Path b = Fixtures.tempDir("sim-blocks-b");
        Generator.Stats sa = Generator.generate(config(7, 20_000, 1), a, false);
        Generator.Stats sb = Generator.generate(config(7, 20_000, 2), b, true);
        assertSameFiles(a, b);
        assertEquals(sa.events(), sb.events());
        assertEquals(20_000, sa.takeUps());
        assertEquals(2, config(7, 20_000, 1).blocks());
    }

    @Test
    void anotherSeedGivesOtherHistoriesAndOtherIds() throws IOException {
        Path other = Fixtures.tempDir("sim-seed-99");
        Generator.generate(config(99, 3_000, 2), other, false);
        Path same = Fixtures.tempDir("sim-seed-99b");
        Generator.generate(config(99, 3_000, 2), same, false);
        assertSameFiles(other, same);
        Path base = Fixtures.tempDir("sim-seed-98");
        Generator.generate(config(98, 3_000, 2), base, false);
        byte[] x = Files.readAllBytes(other.resolve("referral.ndjson"));
        byte[] y = Files.readAllBytes(base.resolve("referral.ndjson"));
        assertFalse(Arrays.equals(x, y));
        String firstLine = Files.readAllLines(other.resolve("referral.ndjson")).get(0);
        assertTrue(firstLine.contains("\"id\":\"s99-p"), firstLine);
        assertNotEquals(firstLine, Files.readAllLines(base.resolve("referral.ndjson")).get(0));
    }
}
