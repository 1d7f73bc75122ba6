package org.ete.analysis.disclosure;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ptable, the record keys and the perturbation they give (ADR 0010). */
class CellKeyPerturbationTest {
    static final String KEY = "a-record-key-secret-of-at-least-32-characters";

    @Test
    void thePtableIsUnbiasedBoundedAndNeverNegative() {
        Map<Integer, Integer> counts = new HashMap<>();
        double sum = 0;
        for (int key = 0; key < PTable.KEY_RANGE; key++) {
            int noise = PTable.noise(50, key);
            counts.merge(noise, 1, Integer::sum);
            sum += noise;
            assertTrue(Math.abs(noise) <= PTable.MAX_NOISE);
            assertTrue(1 + PTable.noise(1, key) >= 0, "a count of 1 never goes below 0");
            assertEquals(0, PTable.noise(0, key), "zero cells stay zero");
        }
        assertEquals(0.0, sum, "mean noise 0 over the uniform cell key");
        assertEquals(Map.of(0, 128, 1, 45, -1, 45, 2, 19, -2, 19), counts);
        assertEquals(-2, PTable.noise(2, 240), "a count of 2 may become 0");
        assertEquals(-1, PTable.noise(1, 240));
    }

    @Test
    void recordKeysAreAFixedSecretFunctionOfThePersonId() {
        RecordKeys keys = new RecordKeys(KEY);
        RecordKeys other = new RecordKeys(KEY + "-other");
        int[] histogram = new int[PTable.KEY_RANGE];
        int differ = 0;
        for (int i = 0; i < 25_600; i++) {
            String id = String.format("%064x", i);
            int k = keys.of(id);
            assertEquals(k, keys.of(id), "the same person, the same key");
            histogram[k]++;
            if (k != other.of(id)) {
                differ++;
            }
        }
        for (int h : histogram) {
            assertTrue(h > 50 && h < 160, "record keys spread over the range: " + h);
        }
        assertTrue(differ > 25_000, "another secret gives other keys");
        assertThrows(IllegalArgumentException.class, () -> new RecordKeys("too-short"));
    }

    @Test
    void theSamePeopleGetTheSameNoiseAndOneMorePersonGetsOther() {
        CellKeyPerturbation p = new CellKeyPerturbation(new RecordKeys(KEY), true);
        Random random = new Random(12);
        int changed = 0;
        for (int trial = 0; trial < 200; trial++) {
            List<String> people = new ArrayList<>();
            for (int i = 0; i < 20 + random.nextInt(40); i++) {
                people.add(String.format("%064x", random.nextLong() & Long.MAX_VALUE));
            }
            long keys = people.stream().mapToLong(p::recordKey).sum();
            long shuffled = 0;
            for (int i = people.size() - 1; i >= 0; i--) {
                shuffled += p.recordKey(people.get(i));
            }
            assertEquals(p.count(people.size(), keys), p.count(people.size(), shuffled), "order does not matter");
            long published = p.count(people.size(), keys);
            assertTrue(Math.abs(published - people.size()) <= PTable.MAX_NOISE);
            String extra = String.format("%064x", random.nextLong() & Long.MAX_VALUE);
            long more = p.count(people.size() + 1, keys + p.recordKey(extra));
            if (more - published != 1) {
                changed++;
            }
            double e = people.size() * 0.3;
            double pe = p.magnitude(e, people.size(), keys, 1);
            assertTrue(Math.abs(pe - e) <= e * CellKeyPerturbation.MAGNITUDE_SCALE / Math.sqrt(people.size()));
            assertEquals(pe, p.magnitude(e, people.size(), shuffled, 1));
        }
        assertTrue(changed > 80, "adding one person usually changes the difference from exactly 1: " + changed);
    }

    @Test
    void offPublishesTheExactFigures() {
        CellKeyPerturbation off = CellKeyPerturbation.off();
        assertFalse(off.enabled());
        assertEquals(0, off.recordKey("anyone"));
        assertEquals(17, off.count(17, 12345));
        assertEquals(3.25, off.magnitude(3.25, 17, 12345, 1));
        assertNotEquals(CellKeyPerturbation.unit(3, 1), CellKeyPerturbation.unit(3, 2), "streams differ");
    }

    @Test
    void productionWithoutTheSecretRefusesToStartNamingIt() {
        ConfigValidationException e = assertThrows(ConfigValidationException.class, () -> config("prod", Map.of()));
        assertTrue(e.getMessage().contains("ete.disclosure.perturbation.key"), e.getMessage());
    }

    @Test
    void devAndTestHaveADevelopmentSecretProductionUsesItsOwnAndPerturbs() throws IOException {
        for (String profile : new String[] {"dev", "test"}) {
            assertTrue(config(profile, Map.of()).getConfigMapping(PerturbationConfig.class).key().length() >= 32);
        }
        PerturbationConfig prod = config("prod", Map.of("ete.disclosure.perturbation.key", KEY))
                .getConfigMapping(PerturbationConfig.class);
        assertEquals(KEY, prod.key());
        assertTrue(prod.enabled(), "perturbation is on in production");
        assertFalse(config("test", Map.of()).getConfigMapping(PerturbationConfig.class).enabled());
    }

    private static SmallRyeConfig config(String profile, Map<String, String> operator) throws IOException {
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(
                        CellKeyPerturbationTest.class.getResource("/application.properties"), 100))
                .withSources(new PropertiesConfigSource(operator, "operator", 400))
                .withMapping(PerturbationConfig.class)
                .build();
    }
}
