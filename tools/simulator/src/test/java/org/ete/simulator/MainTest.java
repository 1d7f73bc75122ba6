package org.ete.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The command line, end to end (files in a temporary directory only). */
class MainTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anotherSeedIsCalibratedToo() {
        Path dir = Fixtures.tempDir("sim-main");
        Run r = run("--seed", "5", "--out", dir.toString(), "--report", "--threads", "2");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("events/s"), r.out());
        assertTrue(r.out().contains("calibration: all"), r.out());
        for (String f : Generator.FILES) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        Run again = run("--input", dir.toString(), "--report");
        assertEquals(0, again.exit(), again.out());
        // told there is no outlier, the report finds one team far from the rest
        Run told = run("--input", dir.toString(), "--report", "--outlier-team", "none");
        assertEquals(3, told.exit(), told.out());
    }

    @Test
    void smallRunsWork() {
        Path dir = Fixtures.tempDir("sim-small");
        Run r = run("--people", "300", "--out", dir.toString(), "--outlier-team", "Walsall", "--outlier-ratio", "1.5");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("300 take-ups"), r.out());
    }

    @Test
    void badArgumentsAreRefused() {
        assertEquals(2, run("--outlier-team", "Atlantis", "--out", Fixtures.tempDir("x").toString()).exit());
        assertEquals(2, run("--rate", "10", "--out", Fixtures.tempDir("y").toString()).exit());
        assertEquals(2, run("--people", "0").exit());
        Run teams = run("--list-teams");
        assertEquals(0, teams.exit());
        assertTrue(teams.out().contains(Geography.DEFAULT_OUTLIER_TEAM));
        assertEquals(27, teams.out().lines().count());
        Run help = run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--people"));
    }
}
