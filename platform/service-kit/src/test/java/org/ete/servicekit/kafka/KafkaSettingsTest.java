package org.ete.servicekit.kafka;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class KafkaSettingsTest {
    private static final Map<String, Object> SECURED_CLUSTER = Map.of(
            "bootstrap.servers", "broker-1:9093,broker-2:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "PLAIN",
            "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";",
            "ssl.truststore.location", "/etc/kafka/truststore.jks");

    @Test
    void everyClientKeepsTheClustersConnectionAndSecuritySettings() {
        Map<String, Object> producer = KafkaSettings.merge(SECURED_CLUSTER, Map.of("acks", "all", "client.id", "relay"));
        for (var e : SECURED_CLUSTER.entrySet()) {
            assertEquals(e.getValue(), producer.get(e.getKey()), e.getKey());
        }
        assertEquals("all", producer.get("acks"));
        assertEquals("relay", producer.get("client.id"));
    }

    @Test
    void aRoleSettingWinsAndANullOneRemovesTheKey() {
        Map<String, Object> cluster = Map.of("bootstrap.servers", "b:9092", "group.id", "from-config", "acks", "1");
        Map<String, Object> role = new HashMap<>();
        role.put("acks", "all");
        role.put("group.id", null); // a group-less consumer (offset queries)
        Map<String, Object> merged = KafkaSettings.merge(cluster, role);
        assertEquals("all", merged.get("acks"));
        assertFalse(merged.containsKey("group.id"));
        assertEquals("b:9092", merged.get("bootstrap.servers"));
    }

    @Test
    void theClustersMapIsNotChanged() {
        Map<String, Object> cluster = new HashMap<>(Map.of("bootstrap.servers", "b:9092"));
        KafkaSettings.merge(cluster, Map.of("acks", "all"));
        assertEquals(Map.of("bootstrap.servers", "b:9092"), cluster);
    }
}
