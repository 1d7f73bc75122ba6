package org.ete.analysis.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The latency timers' path tag. */
class QueryLatencyTest {

    @Test
    void latencyIsTaggedWithThePathTemplateNotTheRequestedPath() {
        assertEquals("/v1/things", QueryLatency.template("/v1/things/", null));
        assertEquals("/v1/things/{id}", QueryLatency.template("/v1/things/", "/{id}/"));
        assertEquals("/v1/admin/summary", QueryLatency.template("v1/admin", "summary"));
        assertEquals("/", QueryLatency.template(null, null));
    }
}
