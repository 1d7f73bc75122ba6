package org.ete.referral.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The referral service's OpenAPI description. The resources themselves (POST /v1/events, the read side) come
 * from platform/event-kit; this service contributes only its events and rules.
 */
@OpenAPIDefinition(info = @Info(
        title = "ETE referral service",
        version = "0.1.0",
        description = "Records referrals of people on probation to ETE support as CloudEvents: "
                + "ete.referral.received.v1, ete.referral.service-taken-up.v1, "
                + "ete.referral.released-from-custody.v1, ete.referral.reconviction-recorded.v1 and "
                + "ete.referral.closed.v1. The case reference (CRN) is pseudonymised at the door. A referral's OGRS3 "
                + "score, sent as percentages or computed from the static factors, is stored beside it. Accepted "
                + "events are published to the topic referral.events.v1, keyed by person id; a referral is published "
                + "without the date of birth (which stays in this service's store), with the age at referral and "
                + "its age band instead. Rule breaks answer "
                + "409 (a repeat or contradiction, e.g. referral-already-open) or 422 (a missing prerequisite or an "
                + "impossible date, e.g. referral-required, adult-at-referral) as application/problem+json naming "
                + "the rule."))
public class ReferralApi extends Application {
}
