package org.ete.contracts;

import java.util.List;

/** Funnel-plot status of a group ({@code status}/{@code previousStatus} of the alert events): alarm above the upper 99.8% limit, alert above the upper 95% limit only, better below the lower 95% limit, ok otherwise. Wire names in contract order. */
public enum AlertStatus implements WireValue {
    ALARM("alarm"),
    ALERT("alert"),
    BETTER("better"),
    OK("ok");

    private final String wire;

    AlertStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The constant for a wire name; {@link IllegalArgumentException} if unknown. */
    public static AlertStatus fromWire(String wire) {
        return WireValues.require(AlertStatus.class, wire);
    }

    /** All wire names, in contract order. */
    public static List<String> wireNames() {
        return WireValues.names(AlertStatus.class);
    }
}
