package org.ete.analysis.projection.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.ete.analysis.projection.PersonState;
import org.ete.contracts.EventType;
import org.ete.contracts.Gender;
import org.ete.contracts.OffenceCategory;
import org.ete.contracts.Ogrs3;
import org.ete.contracts.Topics;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every way a record can fail to be a partner event, decided without a broker or a database. */
class RecordDecoderTest {
    static final RecordDecoder DECODER = new RecordDecoder(new ObjectMapper());
    static final String PERSON = "p-1";
    static final String TAKEN_UP = EventType.SERVICE_TAKEN_UP.type();

    /** A CloudEvent in Kafka binary mode as the outbox relay writes it; null arguments are left out. */
    static ConsumerRecord<String, byte[]> event(String type, String subject, String occurredAt, String recordedAt,
                                                String data) {
        CloudEventBuilder builder = CloudEventBuilder.v1().withId("e-1").withSource(URI.create("urn:ete:test"))
                .withType(type);
        if (subject != null) {
            builder.withSubject(subject);
        }
        if (occurredAt != null) {
            builder.withExtension("occurredat", occurredAt);
        }
        if (recordedAt != null) {
            builder.withExtension("recordedat", recordedAt);
        }
        if (data != null) {
            builder.withData("application/json", data.getBytes(StandardCharsets.UTF_8));
        }
        ProducerRecord<String, byte[]> sent = KafkaMessageFactory.createWriter(Topics.REFERRAL_EVENTS, PERSON)
                .writeBinary(builder.build());
        return received(sent.value(), (RecordHeaders) sent.headers());
    }

    static ConsumerRecord<String, byte[]> received(byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>(Topics.REFERRAL_EVENTS, 0, 7, -1, TimestampType.CREATE_TIME, -1,
                value == null ? -1 : value.length, PERSON, value, headers, Optional.empty());
    }

    static PoisonException poison(ConsumerRecord<String, byte[]> record) {
        return assertThrows(PoisonException.class, () -> DECODER.decode(record));
    }

    @Test
    void aPartnerEventDecodesToItsPersonAndFact() {
        DecodedEvent e = DECODER.decode(event(TAKEN_UP, PERSON, "2012-05-04", "2012-05-05T10:00:00Z",
                "{\"takenUpOn\":\"2012-05-04\"}"));
        assertEquals("e-1", e.id());
        assertEquals(PERSON, e.subject());
        assertEquals("urn:ete:test e-1", e.fact().key());
        assertEquals(TAKEN_UP, e.fact().type());
        assertEquals(LocalDate.parse("2012-05-04"), e.fact().occurredAt());
        assertEquals(Instant.parse("2012-05-05T10:00:00Z"), e.fact().recordedAt());
        assertEquals("2012-05-04", e.fact().text("takenUpOn"));
    }

    @Test
    void withoutTheOccurredAtExtensionTheDateComesFromTheData() {
        DecodedEvent e = DECODER.decode(event(TAKEN_UP, PERSON, null, null, "{\"takenUpOn\":\"2012-05-04\"}"));
        assertEquals(LocalDate.parse("2012-05-04"), e.fact().occurredAt());
        assertNull(e.fact().recordedAt());
    }

    @Test
    void bytesWithoutCloudEventHeadersAreNotACloudEvent() {
        PoisonException p = poison(received("\u0000\u0001 not a cloud event".getBytes(StandardCharsets.UTF_8),
                new RecordHeaders()));
        assertEquals(PoisonReason.NOT_A_CLOUDEVENT, p.reason());
        assertNull(p.type());
        assertNull(p.eventId());
    }

    @Test
    void aTypeOutsideThePartnerEventsIsUnknown() {
        PoisonException p = poison(event("ete.referral.unheard-of.v1", PERSON, "2012-05-02", null, "{}"));
        assertEquals(PoisonReason.UNKNOWN_TYPE, p.reason());
        assertEquals("ete.referral.unheard-of.v1", p.type());
        assertEquals("e-1", p.eventId());
        // The analysis service's own alert events are in the catalogue, but no partner sends them.
        assertEquals(PoisonReason.UNKNOWN_TYPE,
                poison(event(EventType.ALERT_RAISED.type(), PERSON, "2012-05-02", null, "{}")).reason());
    }

    @Test
    void anEventWithoutSubjectNamesNobody() {
        String data = "{\"takenUpOn\":\"2012-05-02\"}";
        assertEquals(PoisonReason.NO_SUBJECT, poison(event(TAKEN_UP, null, "2012-05-02", null, data)).reason());
        assertEquals(PoisonReason.NO_SUBJECT, poison(event(TAKEN_UP, " ", "2012-05-02", null, data)).reason());
    }

    @Test
    void dataMustBeAJsonObject() {
        assertEquals(PoisonReason.DATA_NOT_OBJECT, poison(event(TAKEN_UP, PERSON, "2012-05-02", null, null)).reason());
        assertEquals(PoisonReason.DATA_NOT_OBJECT,
                poison(event(TAKEN_UP, PERSON, "2012-05-02", null, "{not json")).reason());
        PoisonException array = poison(event(TAKEN_UP, PERSON, "2012-05-02", null, "[\"2012-05-02\"]"));
        assertEquals(PoisonReason.DATA_NOT_OBJECT, array.reason());
        assertEquals(TAKEN_UP, array.type());
    }

    @Test
    void dataOrDatesNoStateDerivesFromAreInvalid() {
        PoisonException badOffenceDate = poison(event(EventType.RECONVICTION_RECORDED.type(), PERSON, "2012-05-03",
                null, "{\"offenceDate\":\"yesterday\",\"sentenceDate\":\"2012-05-03\","
                        + "\"offenceCategory\":\"violence\"}"));
        assertEquals(PoisonReason.INVALID_DATA, badOffenceDate.reason());
        assertEquals(PoisonReason.INVALID_DATA,
                poison(event(TAKEN_UP, PERSON, "2012-05-32", null, "{\"takenUpOn\":\"2012-05-32\"}")).reason());
        assertEquals(PoisonReason.INVALID_DATA, poison(event(TAKEN_UP, PERSON, "2012-05-02", "last tuesday",
                "{\"takenUpOn\":\"2012-05-02\"}")).reason());
    }

    static final String REFERRAL = EventType.REFERRAL_RECEIVED.type();
    static final String REFERRAL_DATA = "\"referralDate\":\"2021-06-15\",\"setting\":\"community\","
            + "\"contractArea\":\"DLNR\",\"region\":\"EM\",\"team\":\"T\",\"office\":\"O\",\"gender\":\"female\","
            + "\"ethnicity\":\"white\",\"offenceCategory\":\"robbery\","
            + "\"ogrs3Factors\":{\"sanctions\":4,\"ageAtFirstSanction\":14,\"ageAtCurrentConviction\":19}";

    /** A referral published before ADR 0009 (ce_schemaversion 1) carries the date of birth: only its age is kept. */
    @Test
    void aReferralPublishedWithTheDateOfBirthIsKeptWithTheAgeAtReferralAndBandOnly() {
        DecodedEvent legacy = DECODER.decode(event(REFERRAL, PERSON, "2021-06-15", null,
                "{" + REFERRAL_DATA + ",\"dateOfBirth\":\"1991-06-16\"}"));
        assertFalse(legacy.fact().data().has("dateOfBirth"));
        assertFalse(legacy.fact().data().toString().contains("1991"), legacy.fact().data().toString());
        assertEquals(29, legacy.fact().data().get("ageAtReferral").asInt(), "the day before the 30th birthday");
        assertEquals("25-29", legacy.fact().text("ageBand"));

        DecodedEvent current = DECODER.decode(event(REFERRAL, PERSON, "2021-06-15", null,
                "{" + REFERRAL_DATA + ",\"ageAtReferral\":29,\"ageBand\":\"25-29\"}"));
        assertEquals(current.fact().data(), legacy.fact().data(), "the same fact either way");

        // and the OGRS3 score is the one computed from the date of birth on the referral (assessment) date
        double byDate = Ogrs3.compute(new Ogrs3.Input(Gender.FEMALE, LocalDate.parse("1991-06-16"),
                LocalDate.parse("2021-06-15"), OffenceCategory.ROBBERY, 4, 14, 19)).oneYear();
        assertEquals(byDate, PersonState.derive(PERSON, List.of(legacy.fact())).referral().ogrs3OneYear(), 0.0);
        assertEquals(byDate, PersonState.derive(PERSON, List.of(current.fact())).referral().ogrs3OneYear(), 0.0);
    }

    @Test
    void aReferralWithNeitherAnAgeNorADateOfBirthIsInvalid() {
        assertEquals(PoisonReason.INVALID_DATA,
                poison(event(REFERRAL, PERSON, "2021-06-15", null, "{" + REFERRAL_DATA + "}")).reason());
        assertEquals(PoisonReason.INVALID_DATA, poison(event(REFERRAL, PERSON, "2021-06-15", null,
                "{" + REFERRAL_DATA + ",\"dateOfBirth\":\"long ago\"}")).reason());
    }
}
