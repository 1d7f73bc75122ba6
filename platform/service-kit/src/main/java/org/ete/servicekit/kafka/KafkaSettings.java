package org.ete.servicekit.kafka;

import java.util.HashMap;
import java.util.Map;

/** How a client's settings are put together: pure, so the rule is tested without a broker. */
public final class KafkaSettings {
    private KafkaSettings() {
    }

    /**
     * The cluster's settings with the role's on top. A role setting wins (a producer's {@code acks}, a consumer's
     * {@code group.id}); a null role value removes the key (e.g. a group-less consumer). Values are copied as they
     * are: the Kafka client itself parses strings, numbers and class names.
     */
    public static Map<String, Object> merge(Map<String, Object> cluster, Map<String, Object> role) {
        Map<String, Object> out = new HashMap<>(cluster);
        role.forEach((key, value) -> {
            if (value == null) {
                out.remove(key);
            } else {
                out.put(key, value);
            }
        });
        return out;
    }
}
