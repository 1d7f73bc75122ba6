package org.ete.contracts;

import java.util.List;

/** Qualification a course leads to ({@code ete.training.course-started.v1} {@code qualification}). Wire names in contract order. */
public enum Qualification implements WireValue {
    CSCS("cscs"),
    VOCATIONAL("vocational"),
    NVQ("nvq"),
    FORK_LIFT("fork-lift"),
    HEALTH_AND_SAFETY("health-and-safety"),
    PERSONAL_TRACK_SAFETY("personal-track-safety"),
    FUNCTIONAL_SKILLS("functional-skills"),
    OTHER("other");

    private final String wire;

    Qualification(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The constant for a wire name; {@link IllegalArgumentException} if unknown. */
    public static Qualification fromWire(String wire) {
        return WireValues.require(Qualification.class, wire);
    }

    /** All wire names, in contract order. */
    public static List<String> wireNames() {
        return WireValues.names(Qualification.class);
    }
}
