package org.ete.servicekit.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place the services build a Kafka client. Every producer and consumer they build starts from the
 * cluster settings Quarkus collects from the {@code kafka.*} configuration (the {@code default-kafka-broker} map:
 * {@code kafka.bootstrap.servers}, {@code kafka.security.protocol}, {@code kafka.sasl.*}, {@code kafka.ssl.*}, ...),
 * so a secured or managed cluster needs configuration only. The caller adds what its role needs (acks, group,
 * serialisers) on top; those role settings win, the cluster's connection settings come from configuration alone.
 * <p>
 * (The messaging channels' producers are built by the SmallRye Kafka connector from the same map, and Quarkus binds
 * their metrics; the Kafka health check's admin client likewise.) There is no admin-client method: no service needs
 * one; add it here when one does.
 * <p>
 * Each client's own metrics (request rates, record lag, buffer use) are bound to Micrometer with the client id as a
 * tag, and unbound when the client is closed through {@link #close}.
 */
@ApplicationScoped
public class KafkaClients {
    private final Map<String, Object> cluster;
    private final MeterRegistry registry;
    /** Binders of live clients, so closing a client also removes its meters (a rebuild creates clients at will). */
    private final Map<Object, KafkaClientMetrics> bound = new ConcurrentHashMap<>();

    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> cluster, MeterRegistry registry) {
        this.cluster = Map.copyOf(cluster);
        this.registry = registry;
    }

    /** The cluster settings with {@code role} on top: what a client of that role is configured with. */
    public Map<String, Object> settings(Map<String, Object> role) {
        return KafkaSettings.merge(cluster, role);
    }

    public <K, V> Producer<K, V> producer(Map<String, Object> role, Serializer<K> keys, Serializer<V> values) {
        return bind(new KafkaProducer<>(settings(role), keys, values));
    }

    public <K, V> Consumer<K, V> consumer(Map<String, Object> role, Deserializer<K> keys, Deserializer<V> values) {
        return bind(new KafkaConsumer<>(settings(role), keys, values));
    }

    /** Closes {@code client} (a producer or consumer from this factory) and removes its meters. */
    public void close(AutoCloseable client, Duration timeout) {
        KafkaClientMetrics metrics = bound.remove(client);
        try {
            if (client instanceof Producer<?, ?> p) {
                p.close(timeout);
            } else if (client instanceof Consumer<?, ?> c) {
                c.close(timeout);
            } else if (client != null) {
                client.close();
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing a Kafka client failed", e);
        } finally {
            if (metrics != null) {
                metrics.close();
            }
        }
    }

    private <C> C bind(C client) {
        KafkaClientMetrics metrics;
        if (client instanceof Producer<?, ?> p) {
            metrics = new KafkaClientMetrics(p);
        } else if (client instanceof Consumer<?, ?> c) {
            metrics = new KafkaClientMetrics(c);
        } else {
            throw new IllegalArgumentException("not a Kafka client: " + client);
        }
        metrics.bindTo(registry);
        bound.put(client, metrics);
        return client;
    }
}
