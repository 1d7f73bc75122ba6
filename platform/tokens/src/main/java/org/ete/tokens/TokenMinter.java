package org.ete.tokens;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Mints RS256 bearer tokens shaped as HMPPS Auth issues them and as the services verify them: {@code iss},
 * {@code aud}, {@code sub}, {@code iat}, {@code exp}, {@code jti}, {@code groups} (the roles) and, for a partner,
 * {@code sources}. The local run's and the tests' issuer; production tokens come from the real issuer.
 */
public final class TokenMinter {
    /** The local issuer ({@code mp.jwt.verify.issuer} of the local run and the tests). */
    public static final String LOCAL_ISSUER = "https://ete.local/issuer";
    /** The audience every service checks ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "ete-platform";
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(8);

    private final PrivateKey signingKey;
    private final String issuer;
    private final String audience;

    public TokenMinter(PrivateKey signingKey, String issuer, String audience) {
        this.signingKey = Objects.requireNonNull(signingKey, "signingKey");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
    }

    public static TokenMinter local(PrivateKey signingKey) {
        return new TokenMinter(signingKey, LOCAL_ISSUER, AUDIENCE);
    }

    /** What one token says: who, which roles, which sources (partners), and for how long from when. */
    public record Grant(String subject, List<String> roles, List<String> sources, Instant issuedAt, Duration lifetime) {
        public Grant {
            Objects.requireNonNull(subject, "subject");
            roles = List.copyOf(roles);
            sources = sources == null ? null : List.copyOf(sources);
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(lifetime, "lifetime");
        }

        /** A grant of {@code roles} from now for {@code lifetime}; {@code sources} null leaves the claim out. */
        public static Grant of(String subject, List<String> roles, List<String> sources, Duration lifetime) {
            return new Grant(subject, roles, sources, Instant.now(), lifetime);
        }
    }

    public String mint(Grant grant) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(grant.subject());
        claims.setIssuedAt(NumericDate.fromSeconds(grant.issuedAt().getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(grant.issuedAt().plus(grant.lifetime()).getEpochSecond()));
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setStringListClaim("groups", grant.roles());
        if (grant.sources() != null) {
            claims.setStringListClaim(Roles.SOURCES_CLAIM, grant.sources());
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signingKey);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign the token", e);
        }
    }
}
