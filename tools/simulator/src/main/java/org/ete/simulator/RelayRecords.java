package org.ete.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ete.contracts.CloudEventExtensions;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.contracts.Ogrs3Derivation;
import org.ete.contracts.Payloads;
import org.ete.contracts.ReferralReceived;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * A partner event as the producing service's outbox relay would publish it, built without the service: the subject
 * pseudonymised with the services' HMAC-SHA-256 key, the data through the type's publication view (a referral without
 * its date of birth, with its age at referral and band, published schema version 3), the OGRS3 score the referral
 * service derives, and the relay's CloudEvents extensions, in Kafka binary mode keyed by the person id.
 * <p>
 * The simulator may not depend on event-kit or a producing service (architecture-tests: it is a partner's tool), so
 * the few lines of the pseudonymiser, the referral's derivation and the relay's record are repeated here on the
 * contract's own classes (publication view, OGRS3, extension names); {@code RelayRecordsTest} proves the records are
 * byte for byte what event-kit's relay builds for the same stored event.
 */
final class RelayRecords {

    private final SecretKeySpec key;
    private final Mac mac;

    /** @param pseudonymisationKey the services' {@code ete.pseudonymisation.key}, at least 32 characters */
    RelayRecords(String pseudonymisationKey) {
        if (pseudonymisationKey == null || pseudonymisationKey.length() < 32) {
            throw new IllegalArgumentException("the pseudonymisation key must be at least 32 characters");
        }
        this.key = new SecretKeySpec(pseudonymisationKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        try {
            this.mac = Mac.getInstance("HmacSHA256"); // one per instance: an instance serves one thread
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    /** The person id the services give a case reference (event-kit's Pseudonymiser). */
    String personId(String caseReference) {
        try {
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(caseReference.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    /**
     * The record of one partner event (a CloudEvent in structured JSON, as the simulator writes it), the
     * {@code streamVersion}-th of its person in its service, appended at {@code recordedAt} (millisecond precision, as
     * the store keeps it).
     */
    ProducerRecord<String, byte[]> record(JsonNode event, int streamVersion, Instant recordedAt) {
        EventType type = EventCatalogue.require(event.get("type").textValue());
        ObjectNode stored = (ObjectNode) event.get("data");
        String personId = personId(event.get("subject").textValue());
        ObjectNode derived = type == EventType.REFERRAL_RECEIVED
                ? Ogrs3Derivation.of((ReferralReceived) Payloads.read(type, stored)) : null;
        ObjectNode published = stored;
        int schemaVersion = type.schemaVersion();
        if (type.hasPublishedView()) {
            // the contract's view of the only viewed type (ReferralPublication in the referral service)
            published = Payloads.write(((ReferralReceived) Payloads.read(type, stored))
                    .published(Ogrs3Derivation.computed(derived)));
            schemaVersion = type.publishedSchemaVersion();
        }
        String time = event.path("time").asText(null);
        OffsetDateTime ceTime = time != null ? OffsetDateTime.parse(time) : recordedAt.atOffset(ZoneOffset.UTC);
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.get("id").textValue())
                .withSource(URI.create(event.get("source").textValue()))
                .withType(type.type())
                .withSubject(personId)
                .withTime(ceTime)
                .withDataContentType("application/json")
                .withExtension(CloudEventExtensions.OCCURRED_AT, type.occurredAt(stored).toString())
                .withExtension(CloudEventExtensions.RECORDED_AT, recordedAt.toString())
                .withExtension(CloudEventExtensions.SCHEMA_VERSION, schemaVersion)
                .withExtension(CloudEventExtensions.STREAM_VERSION, streamVersion)
                .withData(published.toString().getBytes(StandardCharsets.UTF_8));
        if (derived != null) {
            builder.withExtension(CloudEventExtensions.DERIVED, derived.toString());
        }
        CloudEvent cloudEvent = builder.build();
        return KafkaMessageFactory.createWriter(type.topic(), personId).writeBinary(cloudEvent);
    }
}
