package org.ete.analysis.projection.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ete.analysis.projection.Fact;
import org.ete.analysis.projection.PersonState;
import org.ete.analysis.projection.ReferralAge;
import org.ete.contracts.CloudEventExtensions;
import org.ete.contracts.EventType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Reads a record of a producing service's topic as a partner event, or says why it never can be one. Pure (no I/O, no
 * state), so every poison reason is checked without a broker, and a record decodes the same way however often it is
 * read (the batch path, the one-by-one fallback and a dead-letter replay all decode again).
 */
@ApplicationScoped
public class RecordDecoder {
    private final ObjectMapper json;

    RecordDecoder(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The event of {@code record}: a CloudEvent in Kafka binary mode of a partner event type, with a subject and a JSON
     * object as data from which a person's state derives.
     *
     * @throws PoisonException naming the first rule the record breaks
     */
    public DecodedEvent decode(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            throw new PoisonException(PoisonReason.NOT_A_CLOUDEVENT, "not a CloudEvent in Kafka binary mode: "
                    + e.getMessage(), null, null);
        }
        String id = event.getId();
        String typeName = event.getType();
        Optional<EventType> type = EventType.fromType(typeName).filter(EventType::isPartnerEvent);
        if (type.isEmpty()) {
            throw new PoisonException(PoisonReason.UNKNOWN_TYPE, "unknown event type '" + typeName + "'", typeName, id);
        }
        if (event.getSubject() == null || event.getSubject().isBlank()) {
            throw new PoisonException(PoisonReason.NO_SUBJECT, "the event has no subject (person id)", typeName, id);
        }
        ObjectNode data = dataObject(event, typeName, id);
        try {
            Object recordedAtExt = event.getExtension(CloudEventExtensions.RECORDED_AT);
            Instant recordedAt = recordedAtExt == null ? null : Instant.parse(recordedAtExt.toString());
            Object occurredAtExt = event.getExtension(CloudEventExtensions.OCCURRED_AT);
            LocalDate occurredAt = occurredAtExt != null ? LocalDate.parse(occurredAtExt.toString())
                    : type.get().occurredAt(data);
            // a referral published before ADR 0009 carries the date of birth: keep its age at referral and band only
            Fact fact = ReferralAge.minimised(new Fact(Fact.identity(event.getSource().toString(), id), typeName,
                    occurredAt, recordedAt, data));
            if (type.get() == EventType.REFERRAL_RECEIVED && !fact.data().hasNonNull(ReferralAge.AGE_AT_REFERRAL)) {
                throw new IllegalArgumentException("a referral needs " + ReferralAge.AGE_AT_REFERRAL
                        + " (or, published before, dateOfBirth)");
            }
            PersonState.derive(event.getSubject(), List.of(fact)); // the fact alone must derive: bad data shows here
            return new DecodedEvent(id, event.getSubject(), fact);
        } catch (RuntimeException e) {
            throw new PoisonException(PoisonReason.INVALID_DATA, e.toString(), typeName, id);
        }
    }

    private ObjectNode dataObject(CloudEvent event, String typeName, String id) {
        if (event.getData() == null) {
            throw new PoisonException(PoisonReason.DATA_NOT_OBJECT, "the event has no data", typeName, id);
        }
        JsonNode data;
        try {
            data = json.readTree(event.getData().toBytes());
        } catch (Exception e) {
            throw new PoisonException(PoisonReason.DATA_NOT_OBJECT, "data is not JSON: " + e.getMessage(), typeName,
                    id);
        }
        if (!(data instanceof ObjectNode object)) {
            throw new PoisonException(PoisonReason.DATA_NOT_OBJECT, "data is not a JSON object", typeName, id);
        }
        return object;
    }
}
