package org.ete.eventkit.ingest;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pseudonymisation key exists only where it may: the dev and test profiles, or given to production. */
class PseudonymisationConfigTest {
    private static final String DEV_KEY = "local-development-key-do-not-use-in-production";

    @Test
    void productionWithoutAKeyRefusesToStartNamingTheKey() {
        ConfigValidationException e = assertThrows(ConfigValidationException.class, () -> config("prod", Map.of()));
        assertTrue(e.getMessage().contains("ete.pseudonymisation.key"), e.getMessage());
    }

    @Test
    void productionUsesTheKeyItIsGiven() throws IOException {
        String key = "a-production-key-of-at-least-32-characters";
        PseudonymisationConfig config = config("prod", Map.of("ete.pseudonymisation.key", key))
                .getConfigMapping(PseudonymisationConfig.class);
        assertEquals(key, config.key());
    }

    @Test
    void devAndTestProfilesHaveTheDevelopmentKey() throws IOException {
        for (String profile : new String[] {"dev", "test"}) {
            assertEquals(DEV_KEY, config(profile, Map.of()).getConfigMapping(PseudonymisationConfig.class).key(), profile);
        }
    }

    @Test
    void theKeyIsNeverLeftShort() {
        assertThrows(IllegalStateException.class, () -> new Pseudonymiser(() -> "too-short"));
    }

    /** The configuration a producing service sees: event-kit's shared defaults plus what the operator sets. */
    private static SmallRyeConfig config(String profile, Map<String, String> operator) throws IOException {
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(
                        PseudonymisationConfigTest.class.getResource("/META-INF/microprofile-config.properties"), 100))
                .withSources(new PropertiesConfigSource(operator, "operator", 400))
                .withMapping(PseudonymisationConfig.class)
                .build();
    }
}
