package org.ete.employment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ete.eventkit.testkit.CloudEvents;
import org.ete.eventkit.testkit.HostileInputSuite;
import org.ete.testsupport.PlatformInfraResource;

import java.util.List;

import static org.ete.eventkit.testkit.CloudEvents.data;
import static org.ete.eventkit.testkit.CloudEvents.event;

/** The shared hostile-input suite (platform/event-kit) against the employment service, real broker and database. */
@QuarkusTest
@WithTestResource(PlatformInfraResource.class)
class EmploymentHostileInputIT extends HostileInputSuite {
    @Override
    protected List<ObjectNode> validEvents() {
        String crn = CloudEvents.newCrn();
        return List.of(
                event("ete.employment.job-started.v1", crn, data("jobId", "J-1", "sector", "warehousing",
                        "employer", "Acme Logistics", "hoursPerWeek", 37.5, "startedOn", "2019-05-01")),
                event("ete.employment.job-sustained.v1", crn, data("jobId", "J-1", "sustainedOn", "2019-08-01")),
                event("ete.employment.job-ended.v1", crn, data("jobId", "J-1", "endedOn", "2019-12-01",
                        "reason", "contract ended")));
    }

    @Override
    protected List<ObjectNode> ruleBreakers() {
        String crn = CloudEvents.newCrn();
        return List.of(
                event("ete.employment.job-sustained.v1", crn, data("jobId", "NONE", "sustainedOn", "2019-08-01")),
                event("ete.employment.job-ended.v1", crn, data("jobId", "NONE", "endedOn", "2019-12-01")));
    }
}
