package org.ete.contracts;

import java.util.List;

/** Gender ({@code ete.referral.received.v1} {@code gender}); also an OGRS3 factor. Wire names in contract order. */
public enum Gender implements WireValue {
    MALE("male"),
    FEMALE("female");

    private final String wire;

    Gender(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The constant for a wire name; {@link IllegalArgumentException} if unknown. */
    public static Gender fromWire(String wire) {
        return WireValues.require(Gender.class, wire);
    }

    /** All wire names, in contract order. */
    public static List<String> wireNames() {
        return WireValues.names(Gender.class);
    }
}
