package org.ete.employment.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The employment service's OpenAPI description. The resources themselves (POST /v1/events, the read side) come
 * from platform/event-kit; this service contributes only its events and rules.
 */
@OpenAPIDefinition(info = @Info(
        title = "ETE employment service",
        version = "0.1.0",
        description = "Records jobs of people on probation as CloudEvents: ete.employment.job-started.v1, "
                + "ete.employment.job-sustained.v1 (13 weeks after the start) and ete.employment.job-ended.v1. "
                + "The case reference (CRN) is pseudonymised at the door; accepted events are published to the "
                + "topic employment.events.v1, keyed by person id. Rule breaks answer 409 (job-started-once, "
                + "job-sustained-once, job-ended-once) or 422 (job-started-required, sustained-after-13-weeks, "
                + "sustained-not-after-end, ended-not-before-start, ended-not-before-sustained) as "
                + "application/problem+json."))
public class EmploymentApi extends Application {
}
