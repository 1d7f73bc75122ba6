package org.ete.analysis.reoffending;

import jakarta.enterprise.context.ApplicationScoped;
import org.ete.analysis.definitions.Definitions;
import org.ete.analysis.disclosure.CellKeyPerturbation;
import org.ete.analysis.disclosure.DisclosureConfig;
import org.ete.analysis.disclosure.DisclosureControl;
import org.ete.analysis.projection.PeopleIndex;
import org.ete.analysis.projection.PersonState;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why the people who took up in a window are not all in its one-year cohort (13,923 took up in the seeds' window,
 * 12,525 are measured): every person who took up in [from, to] by asOf falls in exactly one {@link Reason}, and the
 * custody participants who took up before the window but were released into it are added, so that
 * {@code tookUp - (everything but MATURED) + releasedIntoWindow = matured}, the n of /v1/reoffending.
 *
 * <p>A scan of the people index (one pass, under its read lock): this view is asked for rarely, and a cube per
 * reason would cost memory on every change for an answer of seven numbers. Counts are perturbed from their own
 * people's cell keys and disclosure-controlled like the rows of one breakdown (a lone small reason is hidden with the
 * next smallest, so no subtraction from the total reveals it).
 */
@ApplicationScoped
public class CohortReconciliation {
    /** Where a person who took up in the window stands as of asOf. */
    public enum Reason {
        MATURED("matured", "in the ete cohort with the index date in the window and matured (asOf >= index + 547 "
                + "days): the n of /v1/reoffending"),
        PENDING("pending", "in the cohort, index date in the window, not matured yet"),
        AWAITING_RELEASE("awaitingRelease", "custody (in-reach) setting and no release recorded as of asOf: in no "
                + "cohort yet"),
        INDEX_AFTER_WINDOW("indexAfterWindow", "custody setting, released after to: the index date (the release) "
                + "falls outside the window"),
        NO_REFERRAL("noReferral", "took up but no referral seen: no OGRS3 prediction and no breakdown attributes"),
        NO_PREDICTION("noPrediction", "a referral without an OGRS3 prediction");

        private final String wire;
        private final String definition;

        Reason(String wire, String definition) {
            this.wire = wire;
            this.definition = definition;
        }

        public String wire() {
            return wire;
        }

        public String definition() {
            return definition;
        }
    }

    /** One count; null with {@code suppressed: true} under disclosure control. */
    public record Line(String reason, Long people, boolean suppressed) {
    }

    /**
     * @param tookUp             people who took up in [from, to] on or before asOf (null when suppressed)
     * @param reasons            where they stand, one line per {@link Reason}
     * @param releasedIntoWindow custody participants who took up before from and were released in the window: in the
     *                           cohort, not in tookUp
     */
    public record Report(LocalDate from, LocalDate to, LocalDate asOf, int suppressionThreshold, Long tookUp,
                         List<Line> reasons, Line releasedIntoWindow, Map<String, String> definitions,
                         String definitionsVersion, List<String> caveats) {
    }

    private static final String RELEASED_INTO_WINDOW = "releasedIntoWindow";

    private final PeopleIndex index;
    private final int threshold;
    private final CellKeyPerturbation perturbation;

    CohortReconciliation(PeopleIndex index, DisclosureConfig disclosure, CellKeyPerturbation perturbation) {
        this.index = index;
        this.threshold = disclosure.threshold();
        this.perturbation = perturbation;
    }

    /** The reason of a person who took up in [from, to] by asOf. */
    static Reason reason(PersonState p, LocalDate to, LocalDate asOf) {
        if (p.referral() == null) {
            return Reason.NO_REFERRAL;
        }
        if (p.referral().ogrs3OneYear() == null) {
            return Reason.NO_PREDICTION;
        }
        Optional<LocalDate> indexDate = Measurement.indexDate(p, asOf);
        if (indexDate.isEmpty()) {
            return Reason.AWAITING_RELEASE;
        }
        if (to != null && indexDate.get().isAfter(to)) {
            return Reason.INDEX_AFTER_WINDOW;
        }
        return !asOf.isBefore(indexDate.get().plusDays(Measurement.MATURITY_DAYS)) ? Reason.MATURED : Reason.PENDING;
    }

    /** Took up before the window, measured, index date in it, matured: counted in the cohort, not in tookUp. */
    static boolean releasedIntoWindow(PersonState p, LocalDate from, LocalDate to, LocalDate asOf) {
        if (from == null || !p.tookUpOn().isBefore(from) || !Measurement.measurable(p)) {
            return false;
        }
        Optional<LocalDate> indexDate = Measurement.indexDate(p, asOf);
        return indexDate.isPresent() && !indexDate.get().isBefore(from)
                && (to == null || !indexDate.get().isAfter(to))
                && !asOf.isBefore(indexDate.get().plusDays(Measurement.MATURITY_DAYS));
    }

    /** @param asOf the first day of a month; from/to whole months or null (validated by the resource) */
    public Report report(LocalDate from, LocalDate to, LocalDate asOf) {
        Map<Reason, long[]> counts = new EnumMap<>(Reason.class); // {people, record keys}
        for (Reason r : Reason.values()) {
            counts.put(r, new long[2]);
        }
        long[] released = new long[2];
        index.readLock().lock();
        try {
            for (PersonState p : index.all()) {
                LocalDate takeUp = p.tookUpOn();
                if (takeUp == null || takeUp.isAfter(asOf)) {
                    continue;
                }
                int key = perturbation.recordKey(p.personId());
                boolean inWindow = (from == null || !takeUp.isBefore(from)) && (to == null || !takeUp.isAfter(to));
                if (inWindow) {
                    long[] c = counts.get(reason(p, to, asOf));
                    c[0]++;
                    c[1] += key;
                } else if (releasedIntoWindow(p, from, to, asOf)) {
                    released[0]++;
                    released[1] += key;
                }
            }
        } finally {
            index.readLock().unlock();
        }
        long total = 0;
        long totalKeys = 0;
        List<DisclosureControl.Row> sizes = new ArrayList<>();
        for (Reason r : Reason.values()) {
            long[] c = counts.get(r);
            total += c[0];
            totalKeys += c[1];
            sizes.add(new DisclosureControl.Row(r.wire(), c[0]));
        }
        DisclosureControl.Result disclosure = DisclosureControl.apply(sizes, total, threshold);
        // releasedIntoWindow adds to matured what /v1/reoffending counts, so a hidden one would follow from the two
        // matured figures: hide matured with it.
        boolean releasedHidden = released[0] < threshold && released[0] > 0;
        List<Line> lines = new ArrayList<>();
        for (Reason r : Reason.values()) {
            long[] c = counts.get(r);
            boolean hidden = disclosure.group(r.wire()).suppressed() || (releasedHidden && r == Reason.MATURED);
            lines.add(hidden ? new Line(r.wire(), null, true)
                    : new Line(r.wire(), perturbation.count(c[0], c[1]), false));
        }
        Line releasedLine = releasedHidden ? new Line(RELEASED_INTO_WINDOW, null, true)
                : new Line(RELEASED_INTO_WINDOW, perturbation.count(released[0], released[1]), false);
        Long tookUp = disclosure.totalSuppressed() ? null : perturbation.count(total, totalKeys);
        return new Report(from, to, asOf, threshold, tookUp, lines, releasedLine, definitions(),
                Definitions.VERSION, Definitions.CAVEATS);
    }

    private static Map<String, String> definitions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("tookUp", "people whose take-up is in [from, to] and on or before asOf");
        for (Reason r : Reason.values()) {
            d.put(r.wire(), r.definition());
        }
        d.put(RELEASED_INTO_WINDOW, "custody participants who took up before from and were released in the window: "
                + "their index date is in the window, so they are in the cohort (matured) though not in tookUp");
        d.put("reconciliation", "tookUp - pending - awaitingRelease - indexAfterWindow - noReferral - noPrediction + "
                + "releasedIntoWindow = matured of /v1/reoffending?cohort=ete (exactly, before perturbation)");
        d.put("suppressed", "a reason of fewer people than suppressionThreshold, none included (or the next smallest, "
                + "when exactly one non-empty reason is), shows no count; matured is hidden too when releasedIntoWindow "
                + "is; counts are cell-key perturbed (ADR 0010)");
        return d;
    }
}
