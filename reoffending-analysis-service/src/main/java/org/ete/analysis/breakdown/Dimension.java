package org.ete.analysis.breakdown;

import org.ete.contracts.AgeBand;
import org.ete.contracts.WireValue;
import org.ete.contracts.WireValues;

import org.ete.analysis.projection.PersonState;

import java.time.LocalDate;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The breakdown dimensions of {@code by}, each read from a person's referral ({@code index-quarter}: from their index
 * date). The age band is the one published with the referral, the age on the referral date; the analysis has no date
 * of birth to compute another.
 */
public enum Dimension implements WireValue {
    CONTRACT_AREA("contract-area", (p, index) -> p.referral().contractArea()),
    REGION("region", (p, index) -> p.referral().region()),
    TEAM("team", (p, index) -> p.referral().team()),
    OFFICE("office", (p, index) -> p.referral().office()),
    SETTING("setting", (p, index) -> p.referral().setting()),
    GENDER("gender", (p, index) -> p.referral().gender()),
    /** The published age band: the age on the referral date (ADR 0009), in the reporting bands of {@link AgeBand}. */
    AGE_BAND("age-band", (p, index) -> p.referral().ageBand()),
    ETHNICITY("ethnicity", (p, index) -> p.referral().ethnicity()),
    DISABILITY("disability", (p, index) -> p.referral().disability()),
    OFFENCE_CATEGORY("offence-category", (p, index) -> p.referral().offenceCategory()),
    INDEX_QUARTER("index-quarter", (p, index) -> index.getYear() + "-Q" + ((index.getMonthValue() - 1) / 3 + 1));

    private final String wire;
    private final BiFunction<PersonState, LocalDate, String> value;

    Dimension(String wire, BiFunction<PersonState, LocalDate, String> value) {
        this.wire = wire;
        this.value = value;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The person's group in this dimension; needs a referral. */
    public String valueOf(PersonState person, LocalDate indexDate) {
        return value.apply(person, indexDate);
    }

    public static List<String> wireNames() {
        return WireValues.names(Dimension.class);
    }

    /** @throws IllegalArgumentException naming the allowed values */
    public static Dimension fromWire(String value) {
        return WireValues.require(Dimension.class, value);
    }
}
