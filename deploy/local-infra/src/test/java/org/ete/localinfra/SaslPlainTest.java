package org.ete.localinfra;

import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;

import javax.security.auth.login.AppConfigurationEntry;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SaslPlainTest {

    /** Quotes, backslashes and the separator itself must survive the JAAS quoting. */
    private static final String AWKWARD_PASSWORD = "p:a\"s\\s w;rd";

    @Test
    void theBrokerAcceptsTheUserAndLogsInAsIt() {
        SaslPlain sasl = SaslPlain.parse("ete-services:" + AWKWARD_PASSWORD);

        // Read as the broker reads it: its listener's settings, "listener.name.sasl_plaintext." stripped off
        // (BrokerConfigTest checks the launcher sets that key).
        Map<String, ?> broker = options(JaasContext.loadServerContext(new ListenerName("SASL_PLAINTEXT"), "PLAIN",
                Map.of("plain.sasl.jaas.config", new Password(sasl.brokerJaasConfig()))));
        assertEquals("ete-services", broker.get("username"));
        assertEquals(AWKWARD_PASSWORD, broker.get("password"));
        assertEquals(AWKWARD_PASSWORD, broker.get("user_ete-services"));
    }

    @Test
    void aClientLogsInAsTheUser() {
        SaslPlain sasl = SaslPlain.parse("ete_1:" + AWKWARD_PASSWORD);

        assertEquals(Map.of("username", "ete_1", "password", AWKWARD_PASSWORD), options(JaasContext.loadClientContext(
                Map.of("sasl.jaas.config", new Password(sasl.clientJaasConfig())))));
        assertEquals("SASL_PLAINTEXT", sasl.clientSettings().get("security.protocol"));
        assertEquals("PLAIN", sasl.clientSettings().get("sasl.mechanism"));
        assertEquals(sasl.clientJaasConfig(), sasl.clientSettings().get("sasl.jaas.config"));
    }

    @Test
    void malformedCredentialsAreRefusedWithTheOptionsName() {
        for (String bad : new String[] {"no-colon", ":password", "us er:password", "user.name:password", "user:"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SaslPlain.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--kafka-sasl-plain"), e.getMessage());
        }
    }

    @Test
    void itsTextNeverShowsThePassword() {
        assertFalse(SaslPlain.parse("ete:hunter2").toString().contains("hunter2"));
    }

    /** The options of the context's one login module, as Kafka's own JAAS parser read them. */
    private static Map<String, ?> options(JaasContext context) {
        List<AppConfigurationEntry> entries = context.configurationEntries();
        assertEquals(1, entries.size());
        assertEquals("org.apache.kafka.common.security.plain.PlainLoginModule", entries.get(0).getLoginModuleName());
        return entries.get(0).getOptions();
    }
}
