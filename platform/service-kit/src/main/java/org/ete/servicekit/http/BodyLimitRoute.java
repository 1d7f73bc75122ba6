package org.ete.servicekit.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ete.servicekit.problem.Problem;

import java.util.Optional;

/**
 * Quarkus answers a body over {@code quarkus.http.limits.max-body-size} with an empty 413 (its upload-limit route,
 * order {@link RouteConstants#ROUTE_ORDER_UPLOAD_LIMIT}), before any JAX-RS code could map it. This route runs just
 * before that one and gives the same answer as problem+json, so every 413 of the platform looks alike (the resources'
 * own, tighter limits already answer problem+json). It judges the Content-Length the client declares, as Quarkus's
 * route does; a chunked body with no length that grows past the limit is still cut off by Quarkus while being read.
 */
@ApplicationScoped
public class BodyLimitRoute {
    private final Optional<MemorySize> maxBodySize;
    private final ObjectMapper json;

    public BodyLimitRoute(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
                          ObjectMapper json) {
        this.maxBodySize = maxBodySize;
        this.json = json;
    }

    void install(@Observes Router router) {
        if (maxBodySize.isEmpty()) {
            return;
        }
        long limit = maxBodySize.get().asLongValue();
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(ctx -> check(ctx, limit));
    }

    private void check(RoutingContext ctx, long limit) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = -1; // Vert.x's codec rejects a malformed Content-Length itself
        }
        if (declared <= limit) {
            ctx.next();
            return;
        }
        Problem problem = Problem.of(413, "payload-too-large", "Payload Too Large",
                "The body may be at most " + limit + " bytes; it declared " + declared);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":413}";
        }
        // The body is not read: close the connection after answering rather than drain megabytes.
        ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close").end(body);
    }
}
