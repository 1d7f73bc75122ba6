package org.ete.servicekit.failure;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import org.apache.kafka.common.KafkaException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransientFailuresTest {

    @Test
    void unreachableInfrastructureIsTransient() {
        assertTrue(TransientFailures.isTransient(new MongoTimeoutException("no server")));
        assertTrue(TransientFailures.isTransient(new MongoSocketOpenException("refused", new ServerAddress(),
                new IOException("refused"))));
        assertTrue(TransientFailures.isTransient(new RuntimeException(new MongoTimeoutException("wrapped"))),
                "found through the cause chain");
        assertTrue(TransientFailures.isTransient(new KafkaException("broker gone")));
    }

    @Test
    void ourOwnFailuresAndRefusedWritesAreNot() {
        assertFalse(TransientFailures.isTransient(new IllegalArgumentException("takenUpOn is required")));
        assertFalse(TransientFailures.isTransient(parseFailure()));
        assertFalse(TransientFailures.isTransient(new NullPointerException()));
        assertFalse(TransientFailures.isTransient(new MongoWriteException(
                new WriteError(10334, "document too large", new BsonDocument()), new ServerAddress(), Set.of())),
                "a write MongoDB refuses fails again however often it is retried");
        assertFalse(TransientFailures.isTransient(new MongoWriteException(
                new WriteError(11000, "E11000 duplicate key", new BsonDocument()), new ServerAddress(), Set.of())),
                "a duplicate key is an answer, not an outage");
    }

    @Test
    void aTimedOutWriteIsTransient() {
        assertTrue(TransientFailures.isTransient(new MongoWriteException(
                new WriteError(50, "operation exceeded time limit", new BsonDocument()), new ServerAddress(), Set.of())));
    }

    private static RuntimeException parseFailure() {
        try {
            LocalDate.parse("2020-02-30");
            throw new AssertionError("expected a parse failure");
        } catch (RuntimeException e) {
            return e;
        }
    }
}
