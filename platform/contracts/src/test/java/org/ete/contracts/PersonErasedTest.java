package org.ete.contracts;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PersonErasedTest {
    static final String PERSON = "a".repeat(64);

    @Test
    void roundTripsThroughItsJson() {
        PersonErased e = new PersonErased("e-1", PERSON, Instant.parse("2026-12-01T10:15:30.123Z"), "training");
        assertEquals(e, PersonErased.fromJson(e.toJson()));
        assertEquals("urn:ete:service:training", e.source());
        assertEquals("privacy.erasures.v1", Topics.PRIVACY_ERASURES);
        assertFalse(Topics.PRODUCER_TOPICS.contains(Topics.PRIVACY_ERASURES), "not a topic the projection reads as events");
    }

    @Test
    void onlyAPseudonymousPersonIdIsAccepted() {
        assertThrows(IllegalArgumentException.class, () -> new PersonErased("e-1", "X123456", Instant.EPOCH, "referral"));
        assertThrows(IllegalArgumentException.class, () -> new PersonErased("e-1", PERSON.toUpperCase(), Instant.EPOCH, "referral"));
    }

    @Test
    void whatIsNotAnErasureIsRejectedNotGuessed() {
        for (String bad : new String[]{"", "[]", "{}", "{\"erasureId\":\"e\",\"personId\":\"" + PERSON + "\"}",
                "{\"erasureId\":\"e\",\"personId\":\"" + PERSON + "\",\"erasedAt\":\"yesterday\",\"origin\":\"x\"}",
                "not json"}) {
            assertThrows(IllegalArgumentException.class, () -> PersonErased.fromJson(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> PersonErased.fromJson(null));
    }
}
