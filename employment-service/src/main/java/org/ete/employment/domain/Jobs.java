package org.ete.employment.domain;

import org.ete.contracts.EventType;
import org.ete.eventkit.store.StoredEvent;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A person's jobs, folded from their employment stream. */
public final class Jobs {
    public record Job(String jobId, LocalDate startedOn, LocalDate sustainedOn, LocalDate endedOn) {
    }

    private final Map<String, Job> byId = new LinkedHashMap<>();

    public static Jobs of(Iterable<StoredEvent> history) {
        Jobs jobs = new Jobs();
        for (StoredEvent e : history) {
            String jobId = e.data().path("jobId").asText();
            EventType type = EventType.fromType(e.type()).orElseThrow();
            switch (type) {
                case JOB_STARTED -> jobs.byId.put(jobId, new Job(jobId, e.occurredAt(), null, null));
                case JOB_SUSTAINED -> jobs.byId.computeIfPresent(jobId,
                        (k, j) -> new Job(k, j.startedOn(), e.occurredAt(), j.endedOn()));
                case JOB_ENDED -> jobs.byId.computeIfPresent(jobId,
                        (k, j) -> new Job(k, j.startedOn(), j.sustainedOn(), e.occurredAt()));
                default -> {
                }
            }
        }
        return jobs;
    }

    public Optional<Job> find(String jobId) {
        return Optional.ofNullable(byId.get(jobId));
    }
}
