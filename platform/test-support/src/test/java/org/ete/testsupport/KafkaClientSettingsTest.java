package org.ete.testsupport;

import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;

import javax.security.auth.login.AppConfigurationEntry;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The Kafka settings PlatformInfra hands to clients and services, without a broker. */
class KafkaClientSettingsTest {

    @Test
    void aSaslPlainUsersSettingsAreWhatAServiceIsGivenAsEnvironment() {
        PlatformInfra.SaslPlain user = new PlatformInfra.SaslPlain("ete", "s3cret");
        Map<String, Object> settings = new java.util.HashMap<>(user.clientSettings());
        settings.put("bootstrap.servers", "127.0.0.1:9092");

        assertEquals(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"ete\" password=\"s3cret\";"),
                PlatformInfra.environmentVariables(settings));
    }

    @Test
    void anyPasswordSurvivesTheJaasQuoting() {
        String password = "p:a\"s\\s w;rd";
        List<AppConfigurationEntry> entries = JaasContext.loadClientContext(Map.of("sasl.jaas.config",
                new Password(new PlatformInfra.SaslPlain("ete", password).jaasConfig()))).configurationEntries();

        assertEquals(1, entries.size());
        assertEquals(Map.of("username", "ete", "password", password), entries.get(0).getOptions());
    }

    @Test
    void itsTextNeverShowsThePassword() {
        assertFalse(new PlatformInfra.SaslPlain("ete", "hunter2").toString().contains("hunter2"));
    }
}
