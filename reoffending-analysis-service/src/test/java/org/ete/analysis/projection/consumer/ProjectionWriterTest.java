package org.ete.analysis.projection.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoTimeoutException;
import org.ete.analysis.projection.ErasedPeople;
import org.ete.analysis.projection.Fact;
import org.ete.analysis.projection.PersonState;
import org.ete.analysis.projection.PersonStore;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How a failed write is classified: retried (transient) or dead-lettered ({@link PoisonReason#APPLY_FAILED}). */
class ProjectionWriterTest {
    static final DecodedEvent EVENT = new DecodedEvent("e-1", "p-1", new Fact("urn:ete:test e-1",
            "ete.referral.service-taken-up.v1", LocalDate.parse("2012-05-04"), null,
            new ObjectMapper().createObjectNode().put("takenUpOn", "2012-05-04")));

    /** A store whose every write fails with {@code failure}. */
    static PersonStore failingWith(RuntimeException failure) {
        return new PersonStore(null, null) {
            @Override
            public PersonState apply(int generation, String personId, Fact fact) {
                throw failure;
            }
        };
    }

    @Test
    void aWriteThatCannotSucceedIsPoison() {
        ProjectionWriter writer = new ProjectionWriter(failingWith(new IllegalStateException("corrupt person")),
                null, null, new ErasedPeople(null));
        PoisonException p = assertThrows(PoisonException.class, () -> writer.write(EVENT, 1, false, true));
        assertEquals(PoisonReason.APPLY_FAILED, p.reason());
        assertEquals("ete.referral.service-taken-up.v1", p.type());
        assertEquals("e-1", p.eventId());
        assertEquals("java.lang.IllegalStateException: corrupt person", p.getMessage());
    }

    @Test
    void anUnavailableDatabaseIsRetriedNotDeadLettered() {
        MongoTimeoutException unavailable = new MongoTimeoutException("no server");
        ProjectionWriter writer = new ProjectionWriter(failingWith(unavailable), null, null, new ErasedPeople(null));
        assertSame(unavailable, assertThrows(MongoTimeoutException.class, () -> writer.write(EVENT, 1, false, true)));
    }
}
