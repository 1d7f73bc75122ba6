package org.ete.training.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The training service's OpenAPI description. The resources themselves (POST /v1/events, the read side) come
 * from platform/event-kit; this service contributes only its events and rules.
 */
@OpenAPIDefinition(info = @Info(
        title = "ETE training service",
        version = "0.1.0",
        description = "Records training courses of people on probation as CloudEvents: "
                + "ete.training.course-started.v1, ete.training.course-completed.v1 and "
                + "ete.training.course-withdrawn.v1. The case reference (CRN) is pseudonymised at the door; "
                + "accepted events are published to the topic training.events.v1, keyed by person id. "
                + "Rule breaks answer 409 (course-started-once, course-already-finished) or 422 "
                + "(course-started-required, finished-not-before-start) as application/problem+json."))
public class TrainingApi extends Application {
}
