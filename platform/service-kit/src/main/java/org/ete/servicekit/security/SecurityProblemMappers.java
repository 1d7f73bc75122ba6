package org.ete.servicekit.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.ete.servicekit.problem.Problem;
import org.ete.servicekit.problem.ProblemMappers;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 and 403 as problem+json like every other error. They reach JAX-RS because authentication is lazy
 * ({@code quarkus.http.auth.proactive=false}): the token is checked when an endpoint's roles ask for it.
 * The detail never says which check failed (expired, another key, {@code alg: none}, tampered): that would
 * help an attacker more than a partner, and the service's log has it.
 */
public class SecurityProblemMappers {
    static final String CHALLENGE = "Bearer realm=\"ete\"";

    @ServerExceptionMapper
    public Response noCredentials(UnauthorizedException e) {
        return unauthorized("This endpoint needs a bearer token (Authorization: Bearer ...)");
    }

    @ServerExceptionMapper
    public Response badCredentials(AuthenticationFailedException e) {
        return unauthorized("The bearer token is not valid: it must be an unexpired RS256 token from the configured "
                + "issuer, for this audience");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ProblemMappers.toResponse(Problem.of(403, "forbidden", "Forbidden",
                "The token is valid but does not carry a role this endpoint allows"));
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(ProblemMappers.toResponse(Problem.of(401, "unauthorized", "Unauthorized", detail)))
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
    }
}
