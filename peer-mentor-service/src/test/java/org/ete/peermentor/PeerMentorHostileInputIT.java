package org.ete.peermentor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ete.eventkit.testkit.CloudEvents;
import org.ete.eventkit.testkit.HostileInputSuite;
import org.ete.testsupport.PlatformInfraResource;

import java.util.List;

import static org.ete.eventkit.testkit.CloudEvents.data;
import static org.ete.eventkit.testkit.CloudEvents.event;

/** The shared hostile-input suite (platform/event-kit) against the peer-mentor service, real broker and database. */
@QuarkusTest
@WithTestResource(PlatformInfraResource.class)
class PeerMentorHostileInputIT extends HostileInputSuite {
    private static int next;

    static String candidate() {
        return "CAND-H" + (System.nanoTime() % 100000) + "-" + (next++);
    }

    @Override
    protected List<ObjectNode> validEvents() {
        String who = candidate();
        return List.of(
                event("ete.academy.mentor-training-started.v1", who, data("intakeId", "I-2022-1", "startedOn", "2022-01-10")),
                event("ete.academy.mentor-graduated.v1", who, data("graduatedOn", "2022-04-10")),
                event("ete.academy.mentor-withdrew.v1", who, data("withdrewOn", "2022-02-10", "reason", "moved away")),
                event("ete.academy.application-submitted.v1", who, data("applicationId", "A-1", "role", "peer mentor",
                        "level", "entry", "livedExperience", true, "route", "academy", "submittedOn", "2022-05-01")),
                event("ete.academy.candidate-hired.v1", who, data("applicationId", "A-1", "role", "peer mentor",
                        "level", "entry", "appointedOn", "2022-05-20", "startedOn", "2022-06-10")),
                event("ete.academy.employee-promoted.v1", who, data("level", "intermediate", "promotedOn", "2023-01-10")),
                event("ete.academy.employee-left.v1", who, data("leftOn", "2023-05-01", "reason", "new job")),
                event("ete.academy.sickness-recorded.v1", who, data("firstDay", "2022-09-01", "days", 3)));
    }

    @Override
    protected List<ObjectNode> ruleBreakers() {
        String who = candidate();
        return List.of(
                event("ete.academy.mentor-graduated.v1", who, data("graduatedOn", "2022-04-10")),
                event("ete.academy.candidate-hired.v1", who, data("applicationId", "NONE", "role", "peer mentor",
                        "level", "entry", "appointedOn", "2022-05-20", "startedOn", "2022-06-10")),
                event("ete.academy.employee-promoted.v1", who, data("level", "intermediate", "promotedOn", "2023-01-10")),
                event("ete.academy.employee-left.v1", who, data("leftOn", "2023-05-01")),
                event("ete.academy.sickness-recorded.v1", who, data("firstDay", "2022-09-01", "days", 3)));
    }
}
