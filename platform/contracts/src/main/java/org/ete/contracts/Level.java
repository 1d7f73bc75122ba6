package org.ete.contracts;

import java.util.List;

/** Grade of an Academy post ({@code level} of application-submitted, candidate-hired, employee-promoted). Wire names in contract order. */
public enum Level implements WireValue {
    ENTRY("entry"),
    INTERMEDIATE("intermediate"),
    MANAGERIAL("managerial");

    private final String wire;

    Level(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The constant for a wire name; {@link IllegalArgumentException} if unknown. */
    public static Level fromWire(String wire) {
        return WireValues.require(Level.class, wire);
    }

    /** All wire names, in contract order. */
    public static List<String> wireNames() {
        return WireValues.names(Level.class);
    }
}
