package org.ete.eventkit.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ete.contracts.Service;
import org.ete.eventkit.config.ProducingService;
import org.ete.eventkit.publish.PublicationView;
import org.ete.eventkit.publish.PublicationViews;
import org.ete.eventkit.store.EventStore;
import org.ete.eventkit.store.StoredEvent;
import org.ete.eventkit.upcast.Upcasters;
import org.ete.servicekit.kafka.KafkaClients;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * event-kit's own {@link OutboxRelay} of one service, publishing to a {@link MockProducer} instead of a broker, with
 * an outbox that holds nothing (so its sweeps find nothing): what it sends for a stored event is exactly the record
 * the service would put on its topic. In the relay's package, to hand it a batch the way its loop does.
 */
public final class RelayUnderTest implements AutoCloseable {
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final OutboxRelay relay;

    public RelayUnderTest(Service service, List<? extends PublicationView> views) {
        ProducingService producing = new ProducingService(service::id);
        relay = new OutboxRelay(new EmptyOutbox(), new SimpleMeterRegistry(), new MockKafka(producer), producing,
                new Config());
        relay.publication = new PublicationViews(views, service);
        relay.onStart(null);
    }

    /** The records the relay sends for {@code events}, in order. */
    public List<ProducerRecord<String, byte[]>> publish(List<StoredEvent> events) throws InterruptedException {
        producer.clear();
        int published = relay.publish(events);
        if (published != events.size()) {
            throw new IllegalStateException("the relay published " + published + " of " + events.size());
        }
        return List.copyOf(producer.history());
    }

    @Override
    public void close() {
        relay.stop();
    }

    private static final class MockKafka extends KafkaClients {
        private final MockProducer<String, byte[]> producer;

        MockKafka(MockProducer<String, byte[]> producer) {
            super(Map.of(), new SimpleMeterRegistry());
            this.producer = producer;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <K, V> Producer<K, V> producer(Map<String, Object> role, Serializer<K> keys, Serializer<V> values) {
            return (Producer<K, V>) producer;
        }
    }

    /** An event store with an empty outbox; marking published is accepted and forgotten. */
    private static final class EmptyOutbox extends EventStore {
        EmptyOutbox() {
            super(inertDatabase(), new ObjectMapper(), Upcasters.of());
        }

        @Override
        public List<StoredEvent> findUnpublished(int limit) {
            return List.of();
        }

        @Override
        public long countUnpublished() {
            return 0;
        }

        @Override
        public void markPublished(List<Long> positions, Instant at) {
        }

        /**
         * A database whose collections answer every call at construction (index creation, the stream-key backfill's
         * find) with nothing: a find is an empty result whatever is chained on it.
         */
        private static MongoDatabase inertDatabase() {
            ClassLoader loader = RelayUnderTest.class.getClassLoader();
            Object cursor = Proxy.newProxyInstance(loader, new Class<?>[] {MongoCursor.class},
                    (p, m, a) -> m.getName().equals("hasNext") ? Boolean.FALSE : null);
            Object found = Proxy.newProxyInstance(loader, new Class<?>[] {FindIterable.class},
                    (p, m, a) -> m.getName().equals("iterator") || m.getName().equals("cursor") ? cursor
                            : m.getReturnType().isInstance(p) ? p : null);
            Object collection = Proxy.newProxyInstance(loader, new Class<?>[] {MongoCollection.class},
                    (p, m, a) -> m.getName().equals("find") ? found : null);
            return (MongoDatabase) Proxy.newProxyInstance(RelayUnderTest.class.getClassLoader(),
                    new Class<?>[] {MongoDatabase.class}, (p, m, a) -> m.getName().equals("getCollection") ? collection
                            : null);
        }
    }

    private static final class Config implements RelayConfig {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public int batchSize() {
            return 500;
        }

        @Override
        public Duration idlePoll() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration sweepInterval() {
            return Duration.ofMinutes(10);
        }
    }
}
