package org.ete.localinfra.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeyValueDataTypeTest {

    private static final KeyValueDataType TYPE = KeyValueDataType.INSTANCE;

    /** Index keys as the library stores them: normalised (numbers as doubles, missing as null). */
    private static List<KeyValue> keys() {
        List<Object> values = Arrays.asList(null, "", "a", "person-1", "person-10", "é", 0.0, 1.0, -2.5, 1e300,
                Long.MAX_VALUE, true, false, Instant.ofEpochSecond(1_700_000_000L, 5),
                new Document("x", 1.0), new Document("x", 2.0), List.of(1.0, "b"), new ObjectId());
        List<KeyValue> keys = new ArrayList<>();
        for (Object a : values) {
            keys.add(new KeyValue(Arrays.asList(a)));
            for (Object b : values) {
                keys.add(new KeyValue(Arrays.asList(a, b)));
            }
        }
        return keys;
    }

    @Test
    void theOrderIsTotalAndAgreesWithEquals() {
        List<KeyValue> keys = keys();
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                int ab = Integer.signum(TYPE.compare(a, b));
                assertEquals(-ab, Integer.signum(TYPE.compare(b, a)), a + " vs " + b);
                assertEquals(a.equals(b), ab == 0, a + " vs " + b);
            }
        }
    }

    @Test
    void everyKeyReadsBackEqualToWhatWasWritten() {
        for (KeyValue key : keys()) {
            WriteBuffer buffer = new WriteBuffer();
            TYPE.write(buffer, key);
            ByteBuffer bytes = buffer.getBuffer();
            bytes.flip();
            assertEquals(key, TYPE.read(bytes));
            assertEquals(0, bytes.remaining());
        }
    }
}
