package org.ete.eventkit.ingest;

import com.networknt.schema.Schema;
import org.ete.contracts.EventType;

/** One event type this service accepts, with its compiled JSON Schema from {@code platform/contracts}. */
public record EventTypeSpec(EventType type, Schema schema) {
}
