package org.ete.testsupport;

import org.ete.tokens.LocalKeyPair;
import org.ete.tokens.Roles;
import org.ete.tokens.TokenMinter;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Bearer tokens for tests, signed with the committed TEST ONLY key pair that {@link PlatformInfraResource} and
 * {@link ServiceProcess} point every service under test at; and the bad tokens the authorisation matrix tries.
 * The key is read from the classpath each time it is needed, so tests and services agree on it whichever class
 * loader (Quarkus's or the test's) loaded this class.
 */
public final class TestTokens {
    private static final String PRIVATE_KEY = "/org/ete/testsupport/jwt/test-private.pem";
    private static final String PUBLIC_KEY = "/org/ete/testsupport/jwt/test-public.pem";
    private static volatile String everyRole;
    private static volatile Path publicKeyFile;

    private TestTokens() {
    }

    /** A token with every role and every source: what tests that are not about authorisation send. */
    public static String everyRole() {
        String t = everyRole;
        if (t == null) {
            t = mint(TokenMinter.Grant.of("test-every-role", Roles.ALL, List.of(Roles.ANY_SOURCE), Duration.ofHours(12)));
            everyRole = t;
        }
        return t;
    }

    /** A token with one role; a partner's with every source. */
    public static String forRole(String role) {
        return mint(TokenMinter.Grant.of("test-" + role, List.of(role),
                Roles.PARTNER.equals(role) ? List.of(Roles.ANY_SOURCE) : null, Duration.ofHours(1)));
    }

    /** A partner token listing exactly {@code sources} (none: the claim is absent). */
    public static String partner(String... sources) {
        return mint(TokenMinter.Grant.of("test-partner", List.of(Roles.PARTNER),
                sources.length == 0 ? null : Arrays.asList(sources), Duration.ofHours(1)));
    }

    public static String mint(TokenMinter.Grant grant) {
        return TokenMinter.local(privateKey()).mint(grant);
    }

    /** Every role, but expired an hour ago. */
    public static String expired() {
        return mint(new TokenMinter.Grant("test-expired", Roles.ALL, List.of(Roles.ANY_SOURCE),
                Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1)));
    }

    /** Every role, signed by a key no service trusts. */
    public static String wrongKey() {
        return new TokenMinter(LocalKeyPair.generate().getPrivate(), TokenMinter.LOCAL_ISSUER, TokenMinter.AUDIENCE)
                .mint(TokenMinter.Grant.of("test-wrong-key", Roles.ALL, List.of(Roles.ANY_SOURCE), Duration.ofHours(1)));
    }

    /** Every role, right key, but another issuer. */
    public static String wrongIssuer() {
        return new TokenMinter(privateKey(), "https://attacker.example/issuer", TokenMinter.AUDIENCE)
                .mint(TokenMinter.Grant.of("test-wrong-issuer", Roles.ALL, List.of(Roles.ANY_SOURCE), Duration.ofHours(1)));
    }

    /** Every role, right key and issuer, but for another audience. */
    public static String wrongAudience() {
        return new TokenMinter(privateKey(), TokenMinter.LOCAL_ISSUER, "another-service")
                .mint(TokenMinter.Grant.of("test-wrong-audience", Roles.ALL, List.of(Roles.ANY_SOURCE), Duration.ofHours(1)));
    }

    /** Every role, unsigned: {@code alg: none} (RFC 7519 section 6), the classic downgrade. */
    public static String algNone() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(TokenMinter.LOCAL_ISSUER);
        claims.setAudience(TokenMinter.AUDIENCE);
        claims.setSubject("test-alg-none");
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().plus(Duration.ofHours(1)).getEpochSecond()));
        claims.setStringListClaim("groups", Roles.ALL);
        claims.setStringListClaim(Roles.SOURCES_CLAIM, List.of(Roles.ANY_SOURCE));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid partner-only token whose payload was edited to claim every role (the signature no longer matches). */
    public static String tampered() {
        String[] parts = forRole(Roles.PARTNER).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"groups\":[\"partner\"]", "\"groups\":[\"partner\",\"analyst\",\"ops\",\"privacy\"]");
        if (!payload.contains("\"privacy\"")) {
            throw new IllegalStateException("the token's groups claim is not where the tamper expects it: " + payload);
        }
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    /** The public key as a file (services read {@code mp.jwt.verify.publickey.location} from a path or URL). */
    public static Path publicKeyFile() {
        Path p = publicKeyFile;
        if (p == null) {
            try {
                p = Files.createTempFile("ete-test-jwt-", ".pem");
                Files.writeString(p, resource(PUBLIC_KEY));
                p.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            publicKeyFile = p;
        }
        return p;
    }

    /** The TEST ONLY private key as a file (a service that mints, e.g. the analysis's local dashboard tokens). */
    public static Path privateKeyFile() {
        try {
            Path p = Files.createTempFile("ete-test-jwt-private-", ".pem");
            Files.writeString(p, resource(PRIVATE_KEY));
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PrivateKey privateKey() {
        return LocalKeyPair.readPrivateKey(resource(PRIVATE_KEY));
    }

    private static String resource(String name) {
        try (InputStream in = TestTokens.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
