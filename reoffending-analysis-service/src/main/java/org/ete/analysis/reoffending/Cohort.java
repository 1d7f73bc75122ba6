package org.ete.analysis.reoffending;

import org.ete.contracts.WireValue;
import org.ete.contracts.WireValues;

import java.util.List;

/** The nested cohorts of DOMAIN.md, by their query-parameter names. */
public enum Cohort implements WireValue {
    ETE("ete", "all ETE participants (took up the service)"),
    FOUND_WORK("found-work", "took up and started a job on or after the index date"),
    SUSTAINED_WORK("sustained-work", "found work and sustained such a job for 13 weeks");

    private final String wire;
    private final String definition;

    Cohort(String wire, String definition) {
        this.wire = wire;
        this.definition = definition;
    }

    @Override
    public String wire() {
        return wire;
    }

    public String definition() {
        return definition;
    }

    public static List<String> wireNames() {
        return WireValues.names(Cohort.class);
    }

    /** @throws IllegalArgumentException naming the allowed values */
    public static Cohort fromWire(String value) {
        return WireValues.require(Cohort.class, value);
    }
}
