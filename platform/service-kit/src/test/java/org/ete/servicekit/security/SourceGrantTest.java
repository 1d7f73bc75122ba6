package org.ete.servicekit.security;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceGrantTest {
    @Test
    void listedSourcesOnly() {
        SourceGrant grant = SourceGrant.fromClaim(List.of("urn:a", "urn:b"));
        assertTrue(grant.allows("urn:a"));
        assertTrue(grant.allows("urn:b"));
        assertFalse(grant.allows("urn:c"));
        assertFalse(grant.allows("urn:a/sub"), "a source is matched exactly, not as a prefix");
        assertFalse(grant.allows(null));
        assertEquals(List.of("urn:a", "urn:b"), grant.listed());
    }

    @Test
    void noClaimGrantsNothingAndStarGrantsEverything() {
        assertFalse(SourceGrant.fromClaim(null).allows("urn:a"));
        assertFalse(SourceGrant.fromClaim(List.of()).allows("urn:a"));
        assertTrue(SourceGrant.fromClaim(List.of("*")).allows("urn:anything"));
    }

    @Test
    void jsonArrayClaimsAsTheJwtLibraryHandsThemOver() {
        // jakarta.json's JsonString prints with quotes; the claim arrives as such a collection from SmallRye JWT.
        assertTrue(SourceGrant.fromClaim(jakarta.json.Json.createArrayBuilder().add("urn:a").build()).allows("urn:a"));
        assertTrue(SourceGrant.fromClaim("urn:a").allows("urn:a"));
    }
}
