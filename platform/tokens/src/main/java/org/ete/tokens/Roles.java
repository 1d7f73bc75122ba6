package org.ete.tokens;

import java.util.List;

/**
 * The four roles of the platform (DESIGN.md, "Interfaces"), as the {@code groups} claim of a bearer token carries
 * them. Constants, so {@code @RolesAllowed} in every service names the same strings the issuer mints.
 */
public final class Roles {
    /** Posts events (only under the CloudEvents sources its {@code sources} claim lists) and reads its read side. */
    public static final String PARTNER = "partner";
    /** Reads the analysis views and exports. */
    public static final String ANALYST = "analyst";
    /** Operates the projections: rebuild, dead letters, replay. */
    public static final String OPS = "ops";
    /** Data protection: erasure and the audit of reads. */
    public static final String PRIVACY = "privacy";

    public static final List<String> ALL = List.of(PARTNER, ANALYST, OPS, PRIVACY);

    /** The claim a partner token lists the CloudEvents {@code source} values it may post under. */
    public static final String SOURCES_CLAIM = "sources";
    /** In {@link #SOURCES_CLAIM}: every source (local run and tests only; an issuer should never mint it). */
    public static final String ANY_SOURCE = "*";

    private Roles() {
    }
}
