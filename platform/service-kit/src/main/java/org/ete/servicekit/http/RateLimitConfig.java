package org.ete.servicekit.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Per-client rate limits of the REST API ({@link RateLimitFilter}); the same in all five services. A client is the
 * authenticated principal if the request has one, else the remote address. Health ({@code /q/health}), metrics
 * ({@code /q/metrics}), OpenAPI and Swagger UI ({@code /q/openapi}, {@code /q/swagger-ui}) and static files (the
 * dashboard) are not REST resources and are never limited.
 */
@ConfigMapping(prefix = "ete.rate-limit")
public interface RateLimitConfig {
    /** Whether requests are limited at all ({@code ETE_RATE_LIMIT_ENABLED}). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Sustained requests per second one client may make ({@code ETE_RATE_LIMIT_REQUESTS_PER_SECOND}). A batch of up
     * to 10,000 events is one request, so batch loads are far below this; 500 also lets the simulator's stream mode
     * (16 lanes of single events from one address) run at the ingest's own pace, and each of 20 concurrent clients
     * has a bucket of its own.
     */
    @WithDefault("500")
    int requestsPerSecond();

    /**
     * Requests a client may make at once above the sustained rate, the bucket's capacity
     * ({@code ETE_RATE_LIMIT_BURST}): room for a partner's catch-up after an outage and for a dashboard's page load.
     */
    @WithDefault("1000")
    int burst();

    /** How long an idle client's bucket is kept; a client seen again after that starts with a full bucket. */
    @WithDefault("PT10M")
    Duration idleExpiry();

    /** At most this many clients' buckets are held (the least recently used go first), so memory stays bounded. */
    @WithDefault("100000")
    long maxClients();
}
