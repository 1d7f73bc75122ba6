package org.ete.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KnownEventsTest {
    @TempDir
    Path tmp;

    private static String line(String id) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"urn:ete:simulator:referral\"}";
    }

    @Test
    void keepsOnlyTheEventsTheKnownSetDoesNotHold() throws Exception {
        Path known = Files.createDirectories(tmp.resolve("known"));
        Path dir = Files.createDirectories(tmp.resolve("both"));
        Files.write(known.resolve("referral.ndjson"), List.of(line("s1-p1-0"), line("s1-p1-1")));
        Files.write(known.resolve("employment.ndjson"), List.of(line("s1-p1-2")));
        Files.write(dir.resolve("referral.ndjson"), List.of(line("s1-p1-0"), line("s1-p9-0"), line("s1-p1-1"), ""));
        Files.write(dir.resolve("employment.ndjson"), List.of(line("s1-p1-2"), line("s1-p9-1")));

        long kept = KnownEvents.filter(dir, known, tmp.resolve("new"));

        assertEquals(2, kept);
        assertEquals(List.of(line("s1-p9-0")), Files.readAllLines(tmp.resolve("new/referral.ndjson")));
        assertEquals(List.of(line("s1-p9-1")), Files.readAllLines(tmp.resolve("new/employment.ndjson")));
    }

    @Test
    void readsTheIdOfTheSimulatorsOwnEnvelope() {
        assertEquals("s2021-p19603-0", KnownEvents.id(line("s2021-p19603-0")));
        assertEquals(null, KnownEvents.id("{\"id\":\"x\"}"));
    }
}
