package org.ete.employment.domain;

import jakarta.enterprise.context.ApplicationScoped;
import org.ete.contracts.JobEnded;
import org.ete.contracts.JobStarted;
import org.ete.contracts.JobSustained;
import org.ete.eventkit.domain.DomainEvent;
import org.ete.eventkit.domain.RuleViolation;
import org.ete.eventkit.domain.StreamRules;

import java.time.LocalDate;
import java.util.List;

/**
 * The employment service's invariants: a person may hold several jobs over time (even at once), each identified by
 * jobId; every rule is about one job.
 *
 * <table>
 *   <caption>Rules</caption>
 *   <tr><th>event</th><th>rule</th><th>status</th><th>field</th></tr>
 *   <tr><td>job started</td><td>job-started-once: a jobId is started once per person</td><td>409</td><td>/data/jobId</td></tr>
 *   <tr><td>job sustained, job ended</td><td>job-started-required: the job was started</td><td>422</td><td>/data/jobId</td></tr>
 *   <tr><td>job sustained</td><td>job-sustained-once</td><td>409</td><td>/data/jobId</td></tr>
 *   <tr><td></td><td>sustained-after-13-weeks: sustainedOn &gt;= startedOn + 91 days</td><td>422</td><td>/data/sustainedOn</td></tr>
 *   <tr><td></td><td>sustained-not-after-end: sustainedOn &lt;= endedOn if the job has ended (endedOn is its last day)</td><td>422</td><td>/data/sustainedOn</td></tr>
 *   <tr><td>job ended</td><td>job-ended-once</td><td>409</td><td>/data/jobId</td></tr>
 *   <tr><td></td><td>ended-not-before-start: endedOn &gt;= startedOn</td><td>422</td><td>/data/endedOn</td></tr>
 *   <tr><td></td><td>ended-not-before-sustained: endedOn &gt;= sustainedOn if sustained (the mirror of
 *       sustained-not-after-end, so arrival order does not change the outcome)</td><td>422</td><td>/data/endedOn</td></tr>
 * </table>
 * Hours per week (&gt; 0, &lt;= 100) and the sector are the schema's business (400), not a rule here.
 */
@ApplicationScoped
public class EmploymentRules implements StreamRules {
    /** Thirteen weeks of continuous employment. */
    static final int SUSTAINED_AFTER_DAYS = 91;

    @Override
    public void check(DomainEvent candidate, List<DomainEvent> history) {
        EmploymentHistory jobs = EmploymentHistory.of(history);
        if (candidate.payload() instanceof JobStarted started) {
            if (jobs.find(started.jobId()).isPresent()) {
                throw RuleViolation.conflict("job-started-once", "/data/jobId",
                        "Job " + started.jobId() + " has already been started for this person");
            }
        } else if (candidate.payload() instanceof JobSustained sustained) {
            checkSustained(jobs, sustained);
        } else if (candidate.payload() instanceof JobEnded ended) {
            checkEnded(jobs, ended);
        } else {
            throw new IllegalStateException("not an employment event: " + candidate.type());
        }
    }

    private static void checkSustained(EmploymentHistory jobs, JobSustained sustained) {
        String jobId = sustained.jobId();
        EmploymentHistory.Job job = requireStarted(jobs, jobId);
        if (job.sustainedOn() != null) {
            throw RuleViolation.conflict("job-sustained-once", "/data/jobId",
                    "Job " + jobId + " was already recorded as sustained on " + job.sustainedOn());
        }
        LocalDate earliest = job.startedOn().plusDays(SUSTAINED_AFTER_DAYS);
        LocalDate sustainedOn = sustained.sustainedOn();
        if (sustainedOn.isBefore(earliest)) {
            throw RuleViolation.unprocessable("sustained-after-13-weeks", "/data/sustainedOn",
                    "A job is sustained after 13 weeks: not before " + earliest + " (start " + job.startedOn()
                            + " + " + SUSTAINED_AFTER_DAYS + " days)");
        }
        if (job.endedOn() != null && sustainedOn.isAfter(job.endedOn())) {
            throw RuleViolation.unprocessable("sustained-not-after-end", "/data/sustainedOn",
                    "Job " + jobId + " ended on " + job.endedOn() + ", so it cannot count as sustained on "
                            + sustainedOn);
        }
    }

    private static void checkEnded(EmploymentHistory jobs, JobEnded ended) {
        String jobId = ended.jobId();
        EmploymentHistory.Job job = requireStarted(jobs, jobId);
        if (job.endedOn() != null) {
            throw RuleViolation.conflict("job-ended-once", "/data/jobId",
                    "Job " + jobId + " already ended on " + job.endedOn());
        }
        LocalDate endedOn = ended.endedOn();
        if (endedOn.isBefore(job.startedOn())) {
            throw RuleViolation.unprocessable("ended-not-before-start", "/data/endedOn",
                    "A job cannot end before it started (" + job.startedOn() + ")");
        }
        if (job.sustainedOn() != null && endedOn.isBefore(job.sustainedOn())) {
            throw RuleViolation.unprocessable("ended-not-before-sustained", "/data/endedOn",
                    "Job " + jobId + " counted as sustained on " + job.sustainedOn()
                            + ", so it cannot have ended before that");
        }
    }

    private static EmploymentHistory.Job requireStarted(EmploymentHistory jobs, String jobId) {
        return jobs.find(jobId).orElseThrow(() -> RuleViolation.unprocessable("job-started-required", "/data/jobId",
                "No job " + jobId + " has been started for this person"));
    }
}
