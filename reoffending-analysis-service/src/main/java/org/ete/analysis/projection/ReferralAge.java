package org.ete.analysis.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.contracts.AgeBand;
import org.ete.contracts.EventType;

import java.time.LocalDate;

/**
 * The analysis keeps no date of birth (ADR 0009). The referral service publishes {@code ete.referral.received.v1}
 * with {@code ageAtReferral} and {@code ageBand} (published schema version 2); records it published before carry
 * {@code dateOfBirth} instead (version 1). {@link #minimised} turns such data into the current published shape in
 * memory, by the contract's own definitions ({@link AgeBand#ageOn}, {@link AgeBand#of}), so the decoder never hands
 * a date of birth to the store, and a fact stored by an earlier version of this service loses it when read.
 * Every other field is kept as published, among them {@code ogrs3Computed} (published schema version 3, ADR 0015):
 * the stored OGRS3 score and its coefficient version, which {@link Ogrs3Probability} uses instead of recomputing.
 */
public final class ReferralAge {
    static final String DATE_OF_BIRTH = "dateOfBirth";
    public static final String AGE_AT_REFERRAL = "ageAtReferral";
    public static final String AGE_BAND = "ageBand";

    private ReferralAge() {
    }

    /**
     * {@code data} of an event of {@code type} without a date of birth: for a referral that carries one, a copy with
     * the age on its referral date ({@code referralDate}, else {@code occurredAt}) and the age's band in its place;
     * any other data as it is.
     *
     * @throws IllegalArgumentException if the date of birth or the referral date is not an ISO date
     */
    public static ObjectNode minimised(String type, ObjectNode data, LocalDate occurredAt) {
        if (!EventType.REFERRAL_RECEIVED.type().equals(type) || data == null || !data.has(DATE_OF_BIRTH)) {
            return data;
        }
        ObjectNode out = data.deepCopy();
        JsonNode dob = out.remove(DATE_OF_BIRTH);
        if (dob == null || !dob.isTextual()) {
            return out;
        }
        JsonNode referralDate = out.get("referralDate");
        LocalDate on = referralDate != null && referralDate.isTextual() ? LocalDate.parse(referralDate.asText())
                : occurredAt;
        int age = AgeBand.ageOn(LocalDate.parse(dob.asText()), on);
        if (!out.has(AGE_AT_REFERRAL)) {
            out.put(AGE_AT_REFERRAL, age);
        }
        if (!out.has(AGE_BAND)) {
            out.put(AGE_BAND, AgeBand.of(out.get(AGE_AT_REFERRAL).asInt()).wire());
        }
        return out;
    }

    /** {@code fact} with {@link #minimised} data. */
    public static Fact minimised(Fact fact) {
        ObjectNode data = minimised(fact.type(), fact.data(), fact.occurredAt());
        return data == fact.data() ? fact : new Fact(fact.key(), fact.type(), fact.occurredAt(), fact.recordedAt(), data);
    }
}
