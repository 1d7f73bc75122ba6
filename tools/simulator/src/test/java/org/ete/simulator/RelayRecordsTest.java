package org.ete.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.contracts.Payloads;
import org.ete.contracts.ReferralReceived;
import org.ete.contracts.Service;
import org.ete.eventkit.ingest.Pseudonymiser;
import org.ete.eventkit.publish.PublicationView;
import org.ete.eventkit.relay.RelayUnderTest;
import org.ete.eventkit.store.StoredEvent;
import org.ete.contracts.Ogrs3Derivation;
import org.ete.referral.domain.ReferralPublication;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --to-kafka} writes what the services would: for the default run's events, each record {@link RelayRecords}
 * builds is byte for byte the record event-kit's {@code OutboxRelay} sends for the same event as the service would
 * have stored it (subject through event-kit's {@link Pseudonymiser}, the referral service's derived OGRS3 score and
 * its publication view): topic, key, every header in order, value.
 */
class RelayRecordsTest {
    private static final String KEY = "test-pseudonymisation-key-0123456789abcdef";
    /** Events compared per file: enough for every type of the run and both OGRS3 methods. */
    private static final int PER_FILE = 6_000;

    @Test
    void everyRecordIsTheRelaysOwn() throws Exception {
        Pseudonymiser pseudonymiser = new Pseudonymiser(() -> KEY);
        RelayRecords records = new RelayRecords(KEY);
        Set<String> types = new HashSet<>();
        Set<String> ogrs3Methods = new HashSet<>();
        int compared = 0;
        for (int f = 0; f < Generator.FILES.length; f++) {
            Service service = List.of(Service.REFERRAL, Service.TRAINING, Service.EMPLOYMENT, Service.PEER_MENTOR).get(f);
            List<PublicationView> views = service == Service.REFERRAL ? List.of(new ReferralPublication()) : List.of();
            List<StoredEvent> stored = new ArrayList<>();
            List<ProducerRecord<String, byte[]>> ours = new ArrayList<>();
            Map<String, Integer> versions = new HashMap<>();
            try (BufferedReader in = Files.newBufferedReader(Fixtures.defaultRun().resolve(Generator.FILES[f]),
                    StandardCharsets.UTF_8)) {
                for (String line; stored.size() < PER_FILE && (line = in.readLine()) != null; ) {
                    JsonNode event = Fixtures.MAPPER.readTree(line);
                    int version = versions.merge(event.get("subject").textValue(), 1, Integer::sum);
                    Instant recordedAt = Instant.ofEpochMilli(1_700_000_000_000L + stored.size() * 7L);
                    stored.add(asStored(event, version, recordedAt, pseudonymiser, stored.size()));
                    ours.add(records.record(event, version, recordedAt));
                    types.add(event.get("type").textValue());
                    if (stored.get(stored.size() - 1).derived() != null) {
                        ogrs3Methods.add(stored.get(stored.size() - 1).derived().path("ogrs3").path("method").asText());
                    }
                }
            }
            List<ProducerRecord<String, byte[]>> relays;
            try (RelayUnderTest relay = new RelayUnderTest(service, views)) {
                relays = relay.publish(stored);
            }
            assertEquals(stored.size(), relays.size());
            for (int i = 0; i < relays.size(); i++) {
                assertSame(relays.get(i), ours.get(i), Generator.FILES[f] + " line " + (i + 1));
                compared++;
            }
        }
        assertTrue(compared > 15_000, "compared " + compared);
        assertEquals(EventCatalogue.partnerEvents().stream().map(EventType::type).filter(types::contains).count(),
                types.size(), "only partner types");
        assertTrue(types.contains(EventType.REFERRAL_RECEIVED.type()) && types.size() >= 15, "types: " + types);
        assertEquals(Set.of(Ogrs3Derivation.METHOD_GIVEN, Ogrs3Derivation.METHOD_COMPUTED), ogrs3Methods);
    }

    @Test
    void aReferralIsPublishedWithoutItsDateOfBirth() throws Exception {
        String line;
        try (BufferedReader in = Files.newBufferedReader(Fixtures.defaultRun().resolve("referral.ndjson"))) {
            line = in.readLine();
        }
        ProducerRecord<String, byte[]> record = new RelayRecords(KEY).record(Fixtures.MAPPER.readTree(line), 1,
                Instant.parse("2026-01-02T03:04:05.678Z"));
        JsonNode value = Fixtures.MAPPER.readTree(record.value());
        assertTrue(value.has("ageAtReferral") && value.has("ageBand"), value.toString());
        assertTrue(!value.has("dateOfBirth"), value.toString());
        assertEquals(String.valueOf(EventType.REFERRAL_RECEIVED.publishedSchemaVersion()), new String(record.headers().lastHeader("ce_schemaversion").value(), StandardCharsets.UTF_8));
        assertEquals(new Pseudonymiser(() -> KEY).personId(Fixtures.MAPPER.readTree(line).get("subject").textValue()),
                record.key());
        assertNull(record.partition(), "partitioned by key, as the relay's records");
    }

    /** The event as its service would store it: pseudonymised stream, version, the rules' derived score. */
    private static StoredEvent asStored(JsonNode event, int version, Instant recordedAt, Pseudonymiser pseudonymiser,
                                        long position) {
        EventType type = EventCatalogue.require(event.get("type").textValue());
        ObjectNode data = (ObjectNode) event.get("data");
        ObjectNode derived = type == EventType.REFERRAL_RECEIVED
                ? Ogrs3Derivation.of((ReferralReceived) Payloads.read(type, data)) : null;
        return new StoredEvent(position, pseudonymiser.personId(event.get("subject").textValue()), version,
                type.type(), type.schemaVersion(), type.occurredAt(data), recordedAt, event.get("source").textValue(),
                event.get("id").textValue(), event.path("time").asText(null), data.deepCopy(), derived, null);
    }

    private static void assertSame(ProducerRecord<String, byte[]> relay, ProducerRecord<String, byte[]> ours,
                                   String where) {
        assertEquals(relay.topic(), ours.topic(), where);
        assertEquals(relay.partition(), ours.partition(), where);
        assertEquals(relay.key(), ours.key(), where);
        Header[] expected = relay.headers().toArray();
        Header[] actual = ours.headers().toArray();
        assertEquals(names(expected), names(actual), where);
        for (int h = 0; h < expected.length; h++) {
            assertArrayEquals(expected[h].value(), actual[h].value(), where + " " + expected[h].key());
        }
        assertArrayEquals(relay.value(), ours.value(), where + " value");
    }

    private static List<String> names(Header[] headers) {
        List<String> out = new ArrayList<>();
        for (Header h : headers) {
            out.add(h.key());
        }
        return out;
    }
}
