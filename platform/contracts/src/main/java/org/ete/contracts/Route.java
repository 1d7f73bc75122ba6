package org.ete.contracts;

import java.util.List;

/** How an Academy candidate came to apply ({@code ete.academy.application-submitted.v1} {@code route}). Wire names in contract order. */
public enum Route implements WireValue {
    ACADEMY("academy"),
    PEER_MENTOR("peer-mentor"),
    PUBLIC("public");

    private final String wire;

    Route(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The constant for a wire name; {@link IllegalArgumentException} if unknown. */
    public static Route fromWire(String wire) {
        return WireValues.require(Route.class, wire);
    }

    /** All wire names, in contract order. */
    public static List<String> wireNames() {
        return WireValues.names(Route.class);
    }
}
