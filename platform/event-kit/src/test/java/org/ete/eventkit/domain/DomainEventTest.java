package org.ete.eventkit.domain;

import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.contracts.JobStarted;
import org.ete.contracts.JobSustained;
import org.ete.contracts.Sector;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A domain event carries exactly the payload record its type names. */
class DomainEventTest {
    static final String PERSON = "p".repeat(64);
    static final LocalDate START = LocalDate.of(2021, 5, 10);

    @Test
    void readsValidDataIntoTheTypesRecord() {
        DomainEvent e = DomainEvent.read(EventType.JOB_STARTED, PERSON, START,
                EventCatalogue.schema(EventType.JOB_STARTED).get("examples").get(0));
        assertEquals(new JobStarted("JOB-2021-0932", Sector.WAREHOUSING, "Trentside Logistics Ltd", 37.5, START),
                e.payload());
    }

    @Test
    void refusesAPayloadOfAnotherTypeOrNone() {
        JobSustained sustained = new JobSustained("JOB-1", START);
        assertThrows(IllegalArgumentException.class,
                () -> new DomainEvent(EventType.JOB_STARTED, PERSON, START, sustained));
        assertThrows(IllegalArgumentException.class,
                () -> new DomainEvent(EventType.JOB_STARTED, PERSON, START, null));
        assertThrows(IllegalArgumentException.class,
                () -> new DomainEvent(EventType.ALERT_RAISED, PERSON, START, sustained));
    }
}
