package org.ete.analysis.projection;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WrittenPeopleTest {
    private static RawBsonDocument doc(String id, int padding) {
        return new RawBsonDocument(new Document("_id", id).append("pad", "x".repeat(padding)), new DocumentCodec());
    }

    @Test
    void remembersRecentWritesWithinItsBytesLeastRecentlyUsedFirstOut() {
        WrittenPeople w = new WrittenPeople(3_000);
        w.written(2, "a", 1, doc("a", 900));
        w.written(2, "b", 1, doc("b", 900));
        assertNotNull(w.recent(2, "a")); // a is now the most recently used
        w.written(2, "c", 1, doc("c", 900));
        w.written(2, "d", 1, doc("d", 900)); // over 3,000 bytes: b goes first
        assertNull(w.recent(2, "b"));
        assertEquals(1, w.recent(2, "a").version());
        assertNull(w.recent(3, "a"), "per generation");
        w.touched(2, "a");
        assertNull(w.recent(2, "a"), "written by another path: read it next time");
    }

    @Test
    void knowsAbsenceOnlyOfAGenerationItHasSeenWhole() {
        WrittenPeople w = new WrittenPeople(1 << 20);
        assertFalse(w.knownAbsent(5, "p"), "unknown generation: anyone may be there");
        WrittenPeople.Bloom seen = WrittenPeople.learning();
        seen.add("loaded");
        w.knowAll(5, seen);
        assertTrue(w.knownAbsent(5, "p"));
        assertFalse(w.knownAbsent(5, "loaded"));
        w.written(5, "p", 1, doc("p", 10));
        w.touched(5, "q");
        assertFalse(w.knownAbsent(5, "p"));
        assertFalse(w.knownAbsent(5, "q"));
        int absent = 0;
        for (int i = 0; i < 10_000; i++) {
            absent += w.knownAbsent(5, "person-" + i) ? 1 : 0;
        }
        assertTrue(absent > 9_990, "hardly any false positives when nearly empty: " + absent);
        w.forget(5);
        assertFalse(w.knownAbsent(5, "p"));
    }
}
