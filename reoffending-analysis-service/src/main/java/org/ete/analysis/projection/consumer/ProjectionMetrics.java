package org.ete.analysis.projection.consumer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.common.TopicPartition;
import org.ete.analysis.projection.Fact;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.contracts.Topics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the live projection reports: {@code ete.projection.applied} (events that changed a person, by type),
 * {@code ete.projection.lag} (records not yet applied, per partition) and {@code ete.projection.freshness} (from the
 * producing service's append to visible in the views). Only the live generation's runner records; a rebuild would
 * count every event a second time and measure years-old events as stale.
 */
@ApplicationScoped
public class ProjectionMetrics {
    private final MeterRegistry registry;
    private final Timer freshness;
    /** Gauge values by partition: registered once per partition ever assigned, set by the live runner. */
    private final Map<TopicPartition, AtomicLong> lags = new ConcurrentHashMap<>();

    ProjectionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.freshness = Timer.builder("ete.projection.freshness")
                .description("From the producing service's append (recordedAt) to visible in the views")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
    }

    /** Registers every series at start, so each reads 0 before the first event (DESIGN.md "Metrics"). */
    void registerAtStart(@Observes StartupEvent ignored) {
        for (EventType type : EventCatalogue.partnerEvents()) {
            registry.counter("ete.projection.applied", "type", type.type());
        }
        for (String topic : Topics.PRODUCER_TOPICS) {
            lag(new TopicPartition(topic, 0)); // every topic has a partition 0
        }
        registry.counter(ERASED_SKIPPED);
    }

    /** Events of erased people passed over (live, rebuild or replay): {@code ete.projection.erased.skipped}. */
    static final String ERASED_SKIPPED = "ete.projection.erased.skipped";

    void erasedSkipped(int events) {
        registry.counter(ERASED_SKIPPED).increment(events);
    }

    /** {@code fact} changed its person and is visible now; {@code timeFreshness} false for a late replay. */
    void applied(Fact fact, Instant visibleAt, boolean timeFreshness) {
        registry.counter("ete.projection.applied", "type", fact.type()).increment();
        if (timeFreshness && fact.recordedAt() != null) {
            freshness.record(Duration.between(fact.recordedAt(), visibleAt));
        }
    }

    /** The lag gauge of {@code partition}, registered on first use. */
    AtomicLong lag(TopicPartition partition) {
        return lags.computeIfAbsent(partition, tp -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder("ete.projection.lag", holder, AtomicLong::get)
                    .description("Records of the partition not yet applied by the live projection "
                            + "(end offset - position)")
                    .tags("topic", tp.topic(), "partition", Integer.toString(tp.partition()))
                    .strongReference(true).register(registry);
            return holder;
        });
    }

    /** The sum of every partition's lag gauge. */
    long totalLag() {
        return lags.values().stream().mapToLong(AtomicLong::get).sum();
    }
}
