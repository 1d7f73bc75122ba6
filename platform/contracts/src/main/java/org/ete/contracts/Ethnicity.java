package org.ete.contracts;

import java.util.List;

/** Ethnic group ({@code ete.referral.received.v1} {@code ethnicity}). Wire names in contract order. */
public enum Ethnicity implements WireValue {
    WHITE("white"),
    MIXED("mixed"),
    ASIAN("asian"),
    BLACK("black"),
    OTHER("other"),
    NOT_STATED("not-stated");

    private final String wire;

    Ethnicity(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The constant for a wire name; {@link IllegalArgumentException} if unknown. */
    public static Ethnicity fromWire(String wire) {
        return WireValues.require(Ethnicity.class, wire);
    }

    /** All wire names, in contract order. */
    public static List<String> wireNames() {
        return WireValues.names(Ethnicity.class);
    }
}
