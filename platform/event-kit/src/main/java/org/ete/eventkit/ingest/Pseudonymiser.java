package org.ete.eventkit.ingest;

import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Turns a partner's case reference into the person id: HMAC-SHA-256 under a key that every producing service
 * shares (so one person has one id everywhere) and the analysis side never holds. The raw reference is
 * never stored, logged or published.
 */
@ApplicationScoped
public class Pseudonymiser {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public Pseudonymiser(PseudonymisationConfig config) {
        String secret = config.key();
        if (secret == null || secret.length() < 32) {
            throw new IllegalStateException("ete.pseudonymisation.key must be at least 32 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String personId(String caseReference) {
        try {
            // A Mac is not thread-safe and cheap to create; one per call keeps this bean stateless.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(caseReference.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }
}
