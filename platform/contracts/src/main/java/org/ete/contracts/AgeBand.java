package org.ete.contracts;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * The reporting age bands of the analysis ({@code by=age-band}), published as {@code ageBand} in the data of
 * {@code ete.referral.received.v1} (published schema version 2, ADR 0009). These are not OGRS3's bands
 * ({@link Ogrs3.AgeBand}): a referral is of an adult (18 or over on the referral date), so the youngest band is 18-20.
 * Wire names in order.
 */
public enum AgeBand implements WireValue {
    AGE_18_20("18-20", 18, 20),
    AGE_21_24("21-24", 21, 24),
    AGE_25_29("25-29", 25, 29),
    AGE_30_39("30-39", 30, 39),
    AGE_40_49("40-49", 40, 49),
    AGE_50_PLUS("50+", 50, Integer.MAX_VALUE);

    /** The youngest age a referral may have (probation serves adults); the first band starts here. */
    public static final int ADULT_AGE = 18;

    private final String wire;
    private final int from;
    private final int to;

    AgeBand(String wire, int from, int to) {
        this.wire = wire;
        this.from = from;
        this.to = to;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** Youngest age in the band. */
    public int from() {
        return from;
    }

    /** Oldest age in the band ({@link Integer#MAX_VALUE} for 50+). */
    public int to() {
        return to;
    }

    /**
     * The band of an age in whole years. An age below 18 (which the referral service refuses) falls in 18-20, as
     * the analysis has always counted it.
     */
    public static AgeBand of(int age) {
        for (AgeBand b : values()) {
            if (age <= b.to) {
                return b;
            }
        }
        return AGE_50_PLUS;
    }

    /**
     * The age in whole years on {@code on} of a person born on {@code dateOfBirth} (a birthday on 29 February counts
     * on 1 March in other years, as {@link Period} does): the {@code ageAtReferral} of the published referral.
     */
    public static int ageOn(LocalDate dateOfBirth, LocalDate on) {
        return Period.between(dateOfBirth, on).getYears();
    }

    /** The constant for a wire name; {@link IllegalArgumentException} if unknown. */
    public static AgeBand fromWire(String wire) {
        return WireValues.require(AgeBand.class, wire);
    }

    /** All wire names, in order. */
    public static List<String> wireNames() {
        return WireValues.names(AgeBand.class);
    }
}
