package org.ete.eventkit.it;

import jakarta.enterprise.context.ApplicationScoped;
import org.ete.contracts.CourseCompleted;
import org.ete.contracts.CourseStarted;
import org.ete.eventkit.domain.DomainEvent;
import org.ete.eventkit.domain.RuleViolation;
import org.ete.eventkit.domain.StreamRules;

import java.util.List;

/**
 * The stream rules of the event kit's own test service (the training types, see {@link TestService}): a course is
 * completed only after it started, and only once. Enough to see rules judged against the stream and the group.
 */
@ApplicationScoped
public class CourseRules implements StreamRules {
    @Override
    public void check(DomainEvent candidate, List<DomainEvent> history) {
        if (candidate.payload() instanceof CourseCompleted done) {
            boolean started = history.stream().anyMatch(e -> e.payload() instanceof CourseStarted s
                    && s.courseId().equals(done.courseId()));
            if (!started) {
                throw RuleViolation.unprocessable("course-started-first", "/data/courseId", "the course never started");
            }
            boolean completed = history.stream().anyMatch(e -> e.payload() instanceof CourseCompleted c
                    && c.courseId().equals(done.courseId()));
            if (completed) {
                throw RuleViolation.conflict("course-completed-once", "/data/courseId", "the course was completed before");
            }
        }
    }
}
