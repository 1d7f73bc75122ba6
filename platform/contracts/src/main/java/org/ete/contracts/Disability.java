package org.ete.contracts;

import java.util.List;

/** Disability ({@code ete.referral.received.v1} optional {@code disability}). Wire names in contract order. */
public enum Disability implements WireValue {
    YES("yes"),
    NO("no"),
    NOT_STATED("not-stated");

    private final String wire;

    Disability(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The constant for a wire name; {@link IllegalArgumentException} if unknown. */
    public static Disability fromWire(String wire) {
        return WireValues.require(Disability.class, wire);
    }

    /** All wire names, in contract order. */
    public static List<String> wireNames() {
        return WireValues.names(Disability.class);
    }
}
