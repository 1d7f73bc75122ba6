package org.ete.contracts;

import java.util.List;

/** Where a referred person is supervised ({@code ete.referral.received.v1} {@code setting}). Wire names in contract order. */
public enum Setting implements WireValue {
    COMMUNITY("community"),
    CUSTODY("custody"),
    APPROVED_PREMISES("approved-premises"),
    UNPAID_WORK("unpaid-work");

    private final String wire;

    Setting(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The constant for a wire name; {@link IllegalArgumentException} if unknown. */
    public static Setting fromWire(String wire) {
        return WireValues.require(Setting.class, wire);
    }

    /** All wire names, in contract order. */
    public static List<String> wireNames() {
        return WireValues.names(Setting.class);
    }
}
