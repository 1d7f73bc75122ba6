package org.ete.servicekit.security;

import jakarta.json.JsonString;
import org.ete.tokens.Roles;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CloudEvents {@code source} values one caller may post under, from its token's {@code sources} claim.
 * No claim (or an empty one) grants nothing: a partner token without it may post no event at all. {@code "*"}
 * grants every source (minted only by the local issuer for the local run and the tests).
 */
public record SourceGrant(Set<String> sources) {
    public static final SourceGrant NONE = new SourceGrant(Set.of());

    public SourceGrant {
        sources = Set.copyOf(sources);
    }

    /** From the claim as the JWT library hands it over: a collection of strings (JSON array) or one string. */
    public static SourceGrant fromClaim(Object claim) {
        if (claim == null) {
            return NONE;
        }
        if (claim instanceof Collection<?> values) {
            return new SourceGrant(values.stream().map(SourceGrant::text).collect(Collectors.toSet()));
        }
        return new SourceGrant(Set.of(text(claim)));
    }

    public boolean allows(String source) {
        return source != null && (sources.contains(Roles.ANY_SOURCE) || sources.contains(source));
    }

    /** For problem details: what the caller may post under, sorted. */
    public List<String> listed() {
        return sources.stream().sorted().toList();
    }

    private static String text(Object value) {
        // SmallRye JWT hands a JSON array claim over as jakarta.json values, whose toString() keeps the quotes.
        return value instanceof JsonString json ? json.getString() : String.valueOf(value);
    }
}
