package org.ete.servicekit.http;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {
    record Limits(boolean enabled, int requestsPerSecond, int burst, Duration idleExpiry, long maxClients)
            implements RateLimitConfig {
    }

    @Test
    void eachClientHasItsOwnBucketAndTheRejectionSaysWhenToRetry() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        RateLimiter limiter = new RateLimiter(new Limits(true, 1, 3, Duration.ofMinutes(1), 100), metrics);
        assertEquals(0.0, metrics.counter(RateLimiter.METRIC).count(), "registered at start");
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire("a").isEmpty(), "within the burst");
        }
        OptionalLong retry = limiter.tryAcquire("a");
        assertTrue(retry.isPresent(), "over the burst");
        assertEquals(1, retry.getAsLong(), "one token a second: retry in 1 s");
        assertTrue(limiter.tryAcquire("b").isEmpty(), "another client is not affected");
        assertEquals(1.0, metrics.counter(RateLimiter.METRIC).count());
    }
}
