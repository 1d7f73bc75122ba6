package org.ete.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ete.eventkit.testkit.CloudEvents;
import org.ete.eventkit.testkit.HostileInputSuite;
import org.ete.testsupport.PlatformInfraResource;

import java.util.List;

import static org.ete.eventkit.testkit.CloudEvents.data;
import static org.ete.eventkit.testkit.CloudEvents.event;

/** The shared hostile-input suite (platform/event-kit) against the training service, real broker and database. */
@QuarkusTest
@WithTestResource(PlatformInfraResource.class)
class TrainingHostileInputIT extends HostileInputSuite {
    @Override
    protected List<ObjectNode> validEvents() {
        String crn = CloudEvents.newCrn();
        return List.of(
                event("ete.training.course-started.v1", crn, data("courseId", "C-1", "qualification", "cscs",
                        "provider", "Build Skills Ltd", "startedOn", "2019-05-01")),
                event("ete.training.course-completed.v1", crn, data("courseId", "C-1", "completedOn", "2019-06-01",
                        "achieved", true)),
                event("ete.training.course-withdrawn.v1", crn, data("courseId", "C-2", "withdrawnOn", "2019-06-01",
                        "reason", "found work")));
    }

    @Override
    protected List<ObjectNode> ruleBreakers() {
        String crn = CloudEvents.newCrn();
        return List.of(
                event("ete.training.course-completed.v1", crn, data("courseId", "NONE", "completedOn", "2019-06-01",
                        "achieved", true)),
                event("ete.training.course-withdrawn.v1", crn, data("courseId", "NONE", "withdrawnOn", "2019-06-01")));
    }
}
