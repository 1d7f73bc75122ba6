package org.ete.referral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import org.ete.contracts.EventType;
import org.ete.eventkit.upcast.Upcaster;

/**
 * Test-only upcaster (a bean of the test application, not of the service): a schema version 0 of
 * {@code ete.referral.released-from-custody.v1} that never shipped, with the date in {@code releaseDate}; version 1,
 * the current one, calls it {@code releasedOn}. {@link ContractIT} shows an event of version 0 stored as such, and
 * one sent as such, read and published in the current shape.
 */
@Singleton
public class ReleasedFromCustodyV0Upcaster implements Upcaster {

    @Override
    public String type() {
        return EventType.RELEASED_FROM_CUSTODY.type();
    }

    @Override
    public int fromVersion() {
        return 0;
    }

    @Override
    public ObjectNode upcast(ObjectNode data) {
        JsonNode date = data.remove("releaseDate");
        if (date != null) {
            data.set("releasedOn", date);
        }
        return data;
    }
}
