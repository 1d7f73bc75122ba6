package org.ete.servicekit.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start a service that could verify no token. Without a key SmallRye JWT would start and answer 401
 * to everyone, which looks like an outage of the issuer rather than the configuration mistake it is.
 */
@Singleton
public class VerificationKeyCheck {
    static final String[] KEY_PROPERTIES = {
            "mp.jwt.verify.publickey.location", "mp.jwt.verify.publickey", "smallrye.jwt.verify.key.location"};

    void onStart(@Observes StartupEvent event, Config config) {
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            return;
        }
        for (String property : KEY_PROPERTIES) {
            if (config.getOptionalValue(property, String.class).filter(v -> !v.isBlank()).isPresent()) {
                return;
            }
        }
        throw new IllegalStateException("No token verification key: set mp.jwt.verify.publickey.location "
                + "(MP_JWT_VERIFY_PUBLICKEY_LOCATION) to the issuer's JWKS URL or a PEM file; ./run.sh sets it to "
                + ".dev-data/jwt/public.pem. See docs/operations.md, \"Security\".");
    }
}
