package org.ete.analysis.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.ete.analysis.projection.PeopleIndex;
import org.ete.analysis.projection.PersonState;

import java.time.LocalDate;

/** Counts the ETE outputs from the in-memory index; the window is on the take-up date, both ends inclusive. */
@ApplicationScoped
public class EteOutputsQuery {
    @Inject
    PeopleIndex index;

    public EteOutputs outputs(LocalDate from, LocalDate to) {
        long tookUp = 0, foundWork = 0, sustained = 0;
        for (PersonState p : index.all()) {
            LocalDate takeUp = p.tookUpOn();
            if (takeUp == null || (from != null && takeUp.isBefore(from)) || (to != null && takeUp.isAfter(to))) {
                continue;
            }
            tookUp++;
            if (p.foundWork()) {
                foundWork++;
                if (p.sustainedWork()) {
                    sustained++;
                }
            }
        }
        return new EteOutputs(from, to, tookUp, foundWork, rate(foundWork, tookUp), sustained, rate(sustained, foundWork));
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
