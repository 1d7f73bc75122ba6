package org.ete.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a Quarkus test at the shared {@link PlatformInfra}. Use with
 * {@code @WithTestResource(PlatformInfraResource.class)} or {@code @WithTestResource(PlatformInfraResource.class)}.
 * Test classes isolate themselves by database name and topic names; nothing is wiped here.
 */
public class PlatformInfraResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        PlatformInfra infra = PlatformInfra.start();
        return Map.of(
                "kafka.bootstrap.servers", infra.kafkaBootstrapServers(),
                "mp.messaging.connector.smallrye-kafka.bootstrap.servers", infra.kafkaBootstrapServers(),
                "quarkus.mongodb.connection-string", infra.mongoUri(),
                // Connection set explicitly: never let Dev Services probe for Docker (a minute-long hang here).
                "quarkus.kafka.devservices.enabled", "false",
                // Tokens: service-kit's %test profile trusts the TEST ONLY key pair TestTokens mints with.
                "quarkus.mongodb.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // No-op: the infra is shared by every test class in this JVM; PlatformInfra's shutdown hook ends it.
    }
}
