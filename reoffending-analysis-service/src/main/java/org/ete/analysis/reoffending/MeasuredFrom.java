package org.ete.analysis.reoffending;

import org.ete.contracts.WireValue;
import org.ete.contracts.WireValues;

import java.util.List;

/**
 * Where the one-year follow-up starts. {@code index}: the index date for every cohort (the RAT's way; it favours
 * the job cohorts, since a person must stay out of custody to reach the job: immortal-time bias).
 * {@code job-start}: found-work from the first job start on or after the index date, sustained-work from the date
 * the job was sustained, which removes that bias.
 */
public enum MeasuredFrom implements WireValue {
    INDEX("index", "follow-up starts at the index date (take-up, or the first release on or after it), as the RAT did; "
            + "for the job cohorts this includes the time before the job (immortal-time bias, favours them)"),
    JOB_START("job-start", "follow-up starts when the cohort's qualifying event happened: the first job start on or "
            + "after the index date for found-work, the date the job was sustained for sustained-work; no immortal time");

    private final String wire;
    private final String definition;

    MeasuredFrom(String wire, String definition) {
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
        return WireValues.names(MeasuredFrom.class);
    }

    /** @throws IllegalArgumentException naming the allowed values */
    public static MeasuredFrom fromWire(String value) {
        return WireValues.require(MeasuredFrom.class, value);
    }
}
