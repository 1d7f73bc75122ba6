package org.ete.servicekit.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.ete.servicekit.problem.Problem;
import org.ete.servicekit.problem.ProblemMappers;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.security.Principal;
import java.util.OptionalLong;

/**
 * Applies {@link RateLimiter} to every REST request: 429 problem+json with {@code Retry-After} (seconds) when the
 * client's bucket is empty. A JAX-RS filter rather than a Vert.x route so it runs after authentication and sees the
 * principal, and so health, metrics, OpenAPI and static files (Vert.x routes, not resources) are exempt by
 * construction. Runs after authentication ({@link Priorities#AUTHENTICATION}) and before the rest of the filters.
 */
public class RateLimitFilter {
    private final RateLimiter limiter;

    public RateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 1)
    public Response limit(ContainerRequestContext context, HttpServerRequest request) {
        if (!limiter.enabled()) {
            return null;
        }
        OptionalLong retryAfter = limiter.tryAcquire(client(context.getSecurityContext(), request));
        if (retryAfter.isEmpty()) {
            return null;
        }
        Problem problem = Problem.of(429, "too-many-requests", "Too Many Requests",
                "This client's request rate is over its limit; retry after " + retryAfter.getAsLong() + " s");
        return Response.fromResponse(ProblemMappers.toResponse(problem))
                .header(HttpHeaders.RETRY_AFTER, retryAfter.getAsLong()).build();
    }

    /** The authenticated principal's name if there is one, else the remote address (the proxy's, unless forwarded). */
    static String client(SecurityContext security, HttpServerRequest request) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        if (principal != null && principal.getName() != null && !principal.getName().isEmpty()) {
            return "principal:" + principal.getName();
        }
        SocketAddress remote = request.remoteAddress();
        return "address:" + (remote == null ? "unknown" : remote.hostAddress());
    }
}
