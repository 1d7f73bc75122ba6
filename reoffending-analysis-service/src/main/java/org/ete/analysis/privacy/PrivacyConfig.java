package org.ete.analysis.privacy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Erasure and audit in the analysis service. */
@ConfigMapping(prefix = "ete.privacy")
public interface PrivacyConfig {
    /**
     * Consumer group reading {@code privacy.erasures.v1}. The default (application.properties:
     * {@code reoffending-analysis-erasures-<database>}) ties its offsets to the database whose ledger they fill: a
     * fresh or restored database reads every erasure again. Environment: ERASURE_GROUP_ID.
     */
    String erasureGroupId();

    /** Whether this instance consumes erasures (a read-only instance may turn it off). */
    @WithDefault("true")
    boolean erasuresEnabled();

    /** The most audit entries one {@code GET /v1/privacy/audit} answers (its {@code limit}'s upper bound). */
    @WithDefault("1000")
    int auditMaxLimit();
}
