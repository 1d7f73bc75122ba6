package org.ete.servicekit.security;

import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.ete.tokens.Roles;

/** The current request's {@link SourceGrant}, read from its verified bearer token. */
@RequestScoped
public class CallerSources {
    private final JsonWebToken token;

    public CallerSources(JsonWebToken token) {
        this.token = token;
    }

    public SourceGrant grant() {
        return token == null || token.getRawToken() == null ? SourceGrant.NONE : SourceGrant.fromClaim(token.getClaim(Roles.SOURCES_CLAIM));
    }
}
