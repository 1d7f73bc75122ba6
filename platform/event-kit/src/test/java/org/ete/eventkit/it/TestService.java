package org.ete.eventkit.it;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The event kit run as a producing service of its own in its ITs: the training service's types and topic (which the
 * contract publishes as received, so no publication view is needed), {@link CourseRules}, a database of its own.
 * Excluded from the test jar the services' ITs use, so they never see a second StreamRules.
 */
public class TestService implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "ete.service.name", "training",
                "ete.mongodb.database", "event-kit-it-" + System.nanoTime());
    }
}
