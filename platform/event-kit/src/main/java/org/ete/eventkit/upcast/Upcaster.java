package org.ete.eventkit.upcast;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * SPI of schema evolution (DESIGN.md "Evolution"): turns the {@code data} of one event type from schema
 * version {@link #fromVersion()} into version {@code fromVersion() + 1}. A service (or a test) contributes one
 * CDI bean per step; {@link Upcasters} chains the steps, so an event stored or sent at any older version is read
 * in the type's current shape ({@link org.ete.contracts.EventType#schemaVersion()}).
 *
 * <p>An upcaster is a pure function of the data: no I/O, no clock, the same answer every time (a stream is
 * rebuilt from its events again and again). It receives a private copy it may change and return. At ingest it may
 * see data that is not yet validated (validation runs on its output, against the current schema), so it must not
 * assume field types; anything it throws becomes a 400 problem naming {@code /dataschema}.
 */
public interface Upcaster {

    /** The CloudEvent {@code type} this step belongs to, e.g. {@code ete.employment.job-started.v1}. */
    String type();

    /** The schema version this step reads; it returns version {@code fromVersion() + 1}. At least 0. */
    int fromVersion();

    /** The data of version {@link #fromVersion()} (a copy owned by the callee) turned into the next version. */
    ObjectNode upcast(ObjectNode data);
}
