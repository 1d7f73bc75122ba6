package org.ete.analysis.dashboard.api;

import org.ete.analysis.dashboard.LocalTokenConfig;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ete.servicekit.problem.Problem;
import org.ete.servicekit.problem.ProblemException;
import org.ete.tokens.LocalKeyPair;
import org.ete.tokens.Roles;
import org.ete.tokens.TokenMinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Local run only: an analyst token for the dashboard page, so a newcomer sees figures without minting one by hand.
 * 404 unless {@code ete.dashboard.local-token.enabled}; the page then asks for a token instead.
 */
@Path("/v1/local/dashboard-token")
@Tag(name = "Local run", description = "Off in production: an analyst token for the dashboard page")
@PermitAll
public class LocalTokenResource {
    /** What the page receives: the token and its lifetime in seconds. */
    public record LocalToken(String token, long expiresIn) {
    }

    private final LocalTokenConfig config;
    private volatile TokenMinter minter;

    public LocalTokenResource(LocalTokenConfig config) {
        this.config = config;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mint a local analyst token (local run only; 404 when off)")
    public LocalToken mint() {
        if (!config.enabled()) {
            throw new ProblemException(Problem.of(404, "not-found", "Not Found",
                    "Local dashboard tokens are off; bring an analyst token from the issuer"));
        }
        String token = minter().mint(TokenMinter.Grant.of("dashboard-local-analyst", List.of(Roles.ANALYST), null,
                config.lifetime()));
        return new LocalToken(token, config.lifetime().toSeconds());
    }

    private TokenMinter minter() {
        TokenMinter m = minter;
        if (m == null) {
            java.nio.file.Path location = config.privateKeyLocation().orElseThrow(() -> new IllegalStateException(
                    "ete.dashboard.local-token.enabled is true but ete.dashboard.local-token.private-key-location is unset"));
            try {
                m = TokenMinter.local(LocalKeyPair.readPrivateKey(Files.readString(location)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the local issuer's key " + location, e);
            }
            minter = m;
        }
        return m;
    }
}
