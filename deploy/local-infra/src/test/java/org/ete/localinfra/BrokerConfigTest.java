package org.ete.localinfra;

import kafka.server.KafkaConfig;
import org.apache.kafka.common.Endpoint;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The broker configuration the launcher builds, checked by Kafka's own validation (no broker is started). */
class BrokerConfigTest {

    private static final Path LOG_DIR = Path.of("/nonexistent/kafka");

    @Test
    void byDefaultTheClientListenerIsPlaintext() {
        LocalInfra.Options o = LocalInfra.Options.parse(new String[0]);
        KafkaConfig config = KafkaConfig.fromProps(LocalInfra.brokerConfig(o, 9092, 9093, LOG_DIR), false);

        assertEquals(List.of(SecurityProtocol.PLAINTEXT), clientListenerProtocols(config));
        assertEquals("PLAINTEXT", o.kafkaSecurityProtocol());
        assertEquals(Map.of(), o.kafkaClientSecurity());
    }

    @Test
    void withSaslPlainTheOnlyClientListenerIsSaslPlaintextWithThatUser() {
        LocalInfra.Options o = LocalInfra.Options.parse(new String[] {"--kafka-sasl-plain", "ete:secret"});
        Properties p = LocalInfra.brokerConfig(o, 9092, 9093, LOG_DIR);
        KafkaConfig config = KafkaConfig.fromProps(p, false);

        assertEquals(List.of(SecurityProtocol.SASL_PLAINTEXT), clientListenerProtocols(config));
        assertEquals("SASL_PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093", p.getProperty("listeners"));
        assertEquals("PLAIN", config.saslMechanismInterBrokerProtocol());
        assertEquals(o.saslPlain.brokerJaasConfig(),
                p.getProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config"));
        // The controller listener is reached only from inside the launcher's JVM.
        assertNull(p.getProperty("listener.name.controller.plain.sasl.jaas.config"));
        assertEquals("SASL_PLAINTEXT", o.kafkaSecurityProtocol());
        assertEquals(o.saslPlain.clientSettings(), o.kafkaClientSecurity());
    }

    private static List<SecurityProtocol> clientListenerProtocols(KafkaConfig config) {
        return scala.jdk.javaapi.CollectionConverters.asJava(config.dataPlaneListeners()).stream()
                .map(Endpoint::securityProtocol).toList();
    }
}
