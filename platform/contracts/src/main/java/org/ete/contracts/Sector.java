package org.ete.contracts;

import java.util.List;

/** Employment sector ({@code ete.employment.job-started.v1} {@code sector}). Wire names in contract order. */
public enum Sector implements WireValue {
    WAREHOUSING("warehousing"),
    CONSTRUCTION("construction"),
    RETAIL("retail"),
    PRODUCTION("production"),
    DRIVING("driving"),
    HOSPITALITY("hospitality"),
    MANUFACTURING("manufacturing"),
    CLEANING("cleaning"),
    OTHER("other");

    private final String wire;

    Sector(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The constant for a wire name; {@link IllegalArgumentException} if unknown. */
    public static Sector fromWire(String wire) {
        return WireValues.require(Sector.class, wire);
    }

    /** All wire names, in contract order. */
    public static List<String> wireNames() {
        return WireValues.names(Sector.class);
    }
}
