package org.ete.tokens;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenMinterTest {

    private static JwtConsumer verifier(java.security.PublicKey key) {
        return new JwtConsumerBuilder().setVerificationKey(key).setExpectedIssuer(TokenMinter.LOCAL_ISSUER)
                .setExpectedAudience(TokenMinter.AUDIENCE).setRequireExpirationTime().setRequireSubject().build();
    }

    @Test
    void aMintedTokenVerifiesWithThePublicKeyFileAndCarriesRolesAndSources(@TempDir Path dir) throws Exception {
        LocalKeyPair pair = LocalKeyPair.loadOrCreate(dir);
        String token = TokenMinter.local(pair.privateKey()).mint(TokenMinter.Grant.of("partner-a", List.of(Roles.PARTNER),
                List.of("urn:a", "urn:b"), Duration.ofHours(8)));
        java.security.PublicKey fromFile = LocalKeyPair.readPublicKey(Files.readString(pair.publicKeyFile()));
        JwtClaims claims = verifier(fromFile).processToClaims(token);
        assertEquals("partner-a", claims.getSubject());
        assertEquals(List.of(Roles.PARTNER), claims.getStringListClaimValue("groups"));
        assertEquals(List.of("urn:a", "urn:b"), claims.getStringListClaimValue(Roles.SOURCES_CLAIM));
        long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
        assertEquals(Duration.ofHours(8).toSeconds(), lifetime);
        assertTrue(token.split("\\.")[0].length() > 0);
    }

    @Test
    void aTokenWithoutSourcesHasNoSourcesClaim(@TempDir Path dir) throws Exception {
        LocalKeyPair pair = LocalKeyPair.loadOrCreate(dir);
        String token = TokenMinter.local(pair.privateKey()).mint(TokenMinter.Grant.of("a", List.of(Roles.ANALYST), null,
                Duration.ofMinutes(5)));
        assertFalse(verifier(pair.publicKey()).processToClaims(token).hasClaim(Roles.SOURCES_CLAIM));
    }

    @Test
    void anExpiredTokenOrOneFromAnotherKeyDoesNotVerify(@TempDir Path dir) {
        LocalKeyPair pair = LocalKeyPair.loadOrCreate(dir);
        String expired = TokenMinter.local(pair.privateKey()).mint(new TokenMinter.Grant("a", List.of(Roles.OPS), null,
                Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1)));
        assertThrows(InvalidJwtException.class, () -> verifier(pair.publicKey()).processToClaims(expired));
        String otherKey = TokenMinter.local(LocalKeyPair.generate().getPrivate()).mint(TokenMinter.Grant.of("a",
                List.of(Roles.OPS), null, Duration.ofHours(1)));
        assertThrows(InvalidJwtException.class, () -> verifier(pair.publicKey()).processToClaims(otherKey));
    }

    @Test
    void theKeyPairIsMadeOnceAndReusedWithAnOwnerOnlyPrivateKey(@TempDir Path dir) throws Exception {
        LocalKeyPair first = LocalKeyPair.loadOrCreate(dir.resolve("jwt"));
        LocalKeyPair again = LocalKeyPair.loadOrCreate(dir.resolve("jwt"));
        assertArrayEquals(first.privateKey().getEncoded(), again.privateKey().getEncoded());
        assertArrayEquals(first.publicKey().getEncoded(), again.publicKey().getEncoded());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("jwt").resolve(LocalKeyPair.PRIVATE_KEY_FILE))));
        // A lost public.pem is rewritten from the private key, never regenerated as a new pair.
        Files.delete(first.publicKeyFile());
        LocalKeyPair restored = LocalKeyPair.loadOrCreate(dir.resolve("jwt"));
        assertArrayEquals(first.publicKey().getEncoded(), restored.publicKey().getEncoded());
    }
}
