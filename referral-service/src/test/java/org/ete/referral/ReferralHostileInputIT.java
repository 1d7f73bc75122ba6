package org.ete.referral;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ete.eventkit.testkit.CloudEvents;
import org.ete.eventkit.testkit.HostileInputSuite;
import org.ete.testsupport.PlatformInfraResource;

import java.util.List;

import static org.ete.eventkit.testkit.CloudEvents.data;
import static org.ete.eventkit.testkit.CloudEvents.event;

/** The shared hostile-input suite (platform/event-kit) against the referral service, real broker and database. */
@QuarkusTest
@WithTestResource(PlatformInfraResource.class)
class ReferralHostileInputIT extends HostileInputSuite {
    @Override
    protected List<ObjectNode> validEvents() {
        String crn = CloudEvents.newCrn();
        return List.of(
                event("ete.referral.received.v1", crn, data("referralDate", "2019-05-01", "setting", "custody",
                        "contractArea", "SWM", "region", "West Midlands", "team", "Coventry", "office", "Coventry",
                        "gender", "female", "dateOfBirth", "1991-03-02", "ethnicity", "mixed", "disability", "no",
                        "offenceCategory", "theft-non-motor", "ogrs3Factors",
                        data("sanctions", 4, "ageAtFirstSanction", 16, "ageAtCurrentConviction", 27))),
                event("ete.referral.service-taken-up.v1", crn, data("takenUpOn", "2019-05-10")),
                event("ete.referral.released-from-custody.v1", crn, data("releasedOn", "2019-06-01")),
                event("ete.referral.reconviction-recorded.v1", crn, data("offenceDate", "2019-09-01",
                        "sentenceDate", "2019-12-01", "offenceCategory", "violence")),
                event("ete.referral.closed.v1", crn, data("closedOn", "2020-05-01", "reason", "completed")));
    }

    @Override
    protected List<ObjectNode> ruleBreakers() {
        String never = CloudEvents.newCrn();
        return List.of(
                event("ete.referral.service-taken-up.v1", never, data("takenUpOn", "2019-05-10")),
                event("ete.referral.released-from-custody.v1", never, data("releasedOn", "2019-06-01")),
                event("ete.referral.reconviction-recorded.v1", never, data("offenceDate", "2019-09-01",
                        "sentenceDate", "2019-12-01", "offenceCategory", "violence")),
                event("ete.referral.closed.v1", never, data("closedOn", "2020-05-01", "reason", "completed")),
                event("ete.referral.received.v1", never, data("referralDate", "2019-05-01", "setting", "community",
                        "contractArea", "SWM", "region", "West Midlands", "team", "Coventry", "office", "Coventry",
                        "gender", "male", "dateOfBirth", "2003-03-02", "ethnicity", "white",
                        "offenceCategory", "violence", "ogrs3OneYearPercent", 20, "ogrs3TwoYearPercent", 30)),
                event("ete.referral.received.v1", never, data("referralDate", "2019-05-01", "setting", "community",
                        "contractArea", "SWM", "region", "West Midlands", "team", "Coventry", "office", "Coventry",
                        "gender", "male", "dateOfBirth", "1980-03-02", "ethnicity", "white",
                        "offenceCategory", "violence", "ogrs3Factors",
                        data("sanctions", 4, "ageAtFirstSanction", 30, "ageAtCurrentConviction", 27))));
    }
}
