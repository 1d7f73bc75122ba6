package org.ete.analysis.reoffending.api;

import org.ete.analysis.http.QueryParameters;
import org.ete.analysis.reoffending.Cohort;
import org.ete.analysis.reoffending.MeasuredFrom;

/** Parses the parameters of the reoffending views ({@code /v1/reoffending} and its alerts), answering 400 problems. */
public final class ReoffendingParameters {
    private ReoffendingParameters() {
    }

    /** The cohort; none given means ete. */
    public static Cohort cohort(String value) {
        try {
            return value == null || value.isBlank() ? Cohort.ETE : Cohort.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw QueryParameters.invalid("cohort", "enum", e.getMessage());
        }
    }

    /** Where follow-up starts; none given means the index date. */
    public static MeasuredFrom measuredFrom(String value) {
        try {
            return value == null || value.isBlank() ? MeasuredFrom.INDEX : MeasuredFrom.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw QueryParameters.invalid("measuredFrom", "enum", e.getMessage());
        }
    }
}
