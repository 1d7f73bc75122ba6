package org.ete.analysis.projection;

import org.ete.contracts.EventType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the views need about one person, derived from the set of their facts and nothing else
 * (DESIGN.md "the one rule"): the facts are sorted into a canonical order first, so duplicates and
 * arrival order cannot change the result.
 */
public record PersonState(String personId, LocalDate referralDate, LocalDate tookUpOn, List<Job> jobs) {

    /** A job as far as the ETE outputs need it. */
    public record Job(String jobId, String sector, LocalDate startedOn, LocalDate sustainedOn) {
    }

    static final Comparator<Fact> CANONICAL = Comparator.comparing(Fact::occurredAt)
            .thenComparing(Fact::type).thenComparing(Fact::key);

    public static PersonState derive(String personId, List<Fact> facts) {
        List<Fact> ordered = new ArrayList<>(facts);
        ordered.sort(CANONICAL);
        LocalDate referralDate = null;
        LocalDate tookUpOn = null;
        Map<String, Job> jobs = new LinkedHashMap<>();
        Map<String, LocalDate> sustained = new LinkedHashMap<>();
        for (Fact f : ordered) {
            Optional<EventType> type = EventType.fromType(f.type());
            if (type.isEmpty()) {
                continue;
            }
            switch (type.get()) {
                case REFERRAL_RECEIVED -> referralDate = referralDate == null ? f.occurredAt() : referralDate;
                case SERVICE_TAKEN_UP -> tookUpOn = tookUpOn == null ? f.occurredAt() : tookUpOn;
                case JOB_STARTED -> jobs.putIfAbsent(f.text("jobId"),
                        new Job(f.text("jobId"), f.text("sector"), f.occurredAt(), null));
                case JOB_SUSTAINED -> sustained.putIfAbsent(f.text("jobId"), f.occurredAt());
                default -> {
                }
            }
        }
        // A sustainment may arrive before its start (topics are not ordered across services): join at the end.
        List<Job> joined = jobs.values().stream()
                .map(j -> new Job(j.jobId(), j.sector(), j.startedOn(), sustained.get(j.jobId())))
                .sorted(Comparator.comparing(Job::startedOn).thenComparing(Job::jobId))
                .toList();
        return new PersonState(personId, referralDate, tookUpOn, joined);
    }

    /** Jobs that count as ETE outputs: started on or after take-up. */
    public List<Job> jobsSinceTakeUp() {
        if (tookUpOn == null) {
            return List.of();
        }
        return jobs.stream().filter(j -> !j.startedOn().isBefore(tookUpOn)).toList();
    }

    public boolean foundWork() {
        return !jobsSinceTakeUp().isEmpty();
    }

    public boolean sustainedWork() {
        return jobsSinceTakeUp().stream().anyMatch(j -> j.sustainedOn() != null);
    }
}
