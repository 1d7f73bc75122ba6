package org.ete.servicekit.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * One token bucket per client (Bucket4j, in memory: each instance limits what it serves), held in a bounded map that
 * forgets idle clients. Rejections are counted in {@code ete.http.rate.limited}, registered at start so it reads 0.
 */
@ApplicationScoped
public class RateLimiter {
    static final String METRIC = "ete.http.rate.limited";

    private final RateLimitConfig config;
    private final Cache<String, Bucket> buckets;
    private final Counter rejected;

    public RateLimiter(RateLimitConfig config, MeterRegistry metrics) {
        this.config = config;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(config.idleExpiry()).maximumSize(config.maxClients())
                .build();
        this.rejected = Counter.builder(METRIC).description("Requests answered 429 by the per-client rate limit")
                .register(metrics);
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** Takes a token for {@code client}; empty if the request may go on, else the whole seconds until it may retry. */
    public OptionalLong tryAcquire(String client) {
        ConsumptionProbe probe = buckets.get(client, c -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        rejected.increment();
        long nanos = probe.getNanosToWaitForRefill();
        return OptionalLong.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(config.burst())
                .refillGreedy(config.requestsPerSecond(), Duration.ofSeconds(1)).build()).build();
    }
}
