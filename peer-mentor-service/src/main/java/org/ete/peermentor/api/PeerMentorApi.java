package org.ete.peermentor.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The peer-mentor (Academy) service's OpenAPI description. The resources themselves (POST /v1/events, the
 * read side) come from platform/event-kit; this service contributes only its events and rules.
 */
@OpenAPIDefinition(info = @Info(
        title = "ETE peer-mentor service (the Academy)",
        version = "0.1.0",
        description = "Records the Academy's path from peer mentor to paid employee as CloudEvents: mentor "
                + "training started, graduated and withdrew; applications submitted; candidates hired; employees "
                + "promoted and leaving; sickness absence (types ete.academy.*.v1). The subject is the HR candidate "
                + "reference (4 to 20 of A-Z, 0-9 and hyphen), pseudonymised at the door; accepted events are "
                + "published to the topic peer-mentor.events.v1, keyed by person id. Rule breaks answer 409 "
                + "(a repeat or contradiction) or 422 (a missing prerequisite or an impossible date) as "
                + "application/problem+json naming the rule."))
public class PeerMentorApi extends Application {
}
