package org.ete.eventkit.upcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.contracts.EventType;

/**
 * Test-only: a schema version 0 of {@code ete.employment.job-started.v1} that never shipped, in which the contracted
 * hours were a field {@code hours} (a whole number, or text such as "37.5"). Version 1, the current one, names it
 * {@code hoursPerWeek} and makes it a number.
 */
public class JobStartedV0Upcaster implements Upcaster {

    @Override
    public String type() {
        return EventType.JOB_STARTED.type();
    }

    @Override
    public int fromVersion() {
        return 0;
    }

    @Override
    public ObjectNode upcast(ObjectNode data) {
        JsonNode hours = data.remove("hours");
        if (hours != null) {
            if (hours.isTextual()) {
                data.put("hoursPerWeek", new java.math.BigDecimal(hours.textValue().trim()));
            } else {
                data.set("hoursPerWeek", hours);
            }
        }
        return data;
    }
}
