package org.ete.analysis.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The local run's way for the dashboard page to obtain an analyst token (org.ete.analysis.dashboard.api.LocalTokenResource). Off unless
 * turned on: production leaves it off and analysts bring a token from the real issuer.
 */
@ConfigMapping(prefix = "ete.dashboard.local-token")
public interface LocalTokenConfig {
    /**
     * Whether {@code POST /v1/local/dashboard-token} mints analyst tokens for anyone who can reach the page.
     * ./run.sh sets it (ETE_DASHBOARD_LOCAL_TOKEN_ENABLED=true); false by default so no production deployment
     * hands out tokens by accident.
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * The local issuer's private key (PKCS#8 PEM; ./run.sh: .dev-data/jwt/private.pem), env
     * ETE_DASHBOARD_LOCAL_TOKEN_PRIVATE_KEY_LOCATION. Required when enabled.
     */
    Optional<Path> privateKeyLocation();

    /** How long a dashboard token lives: a working day, like tools/mint-token's default. */
    @WithDefault("PT8H")
    Duration lifetime();
}
