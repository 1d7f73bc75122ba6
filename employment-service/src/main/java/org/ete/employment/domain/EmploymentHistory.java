package org.ete.employment.domain;

import org.ete.contracts.JobEnded;
import org.ete.contracts.JobStarted;
import org.ete.contracts.JobSustained;
import org.ete.eventkit.domain.DomainEvent;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A person's jobs, folded from their employment stream (oldest first); each is identified by its {@code jobId}. */
public final class EmploymentHistory {

    /**
     * One job.
     *
     * @param sustainedOn null unless the job was recorded as sustained
     * @param endedOn     null while the job lasts; its last day otherwise
     */
    public record Job(String jobId, LocalDate startedOn, LocalDate sustainedOn, LocalDate endedOn) {
    }

    private final Map<String, Job> byId = new LinkedHashMap<>();

    private EmploymentHistory() {
    }

    /** The history of a person's events, oldest first. */
    public static EmploymentHistory of(List<DomainEvent> history) {
        EmploymentHistory jobs = new EmploymentHistory();
        for (DomainEvent e : history) {
            if (e.payload() instanceof JobStarted started) {
                jobs.byId.put(started.jobId(), new Job(started.jobId(), started.startedOn(), null, null));
            } else if (e.payload() instanceof JobSustained sustained) {
                jobs.byId.computeIfPresent(sustained.jobId(),
                        (k, j) -> new Job(k, j.startedOn(), sustained.sustainedOn(), j.endedOn()));
            } else if (e.payload() instanceof JobEnded ended) {
                jobs.byId.computeIfPresent(ended.jobId(),
                        (k, j) -> new Job(k, j.startedOn(), j.sustainedOn(), ended.endedOn()));
            }
        }
        return jobs;
    }

    public Optional<Job> find(String jobId) {
        return Optional.ofNullable(byId.get(jobId));
    }
}
