package org.ete.analysis.mongodb;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the analysis service keeps its state in MongoDB (the server itself is {@code quarkus.mongodb.*}). */
@ConfigMapping(prefix = "ete.mongodb")
public interface MongoDbConfig {
    /**
     * The service's database: projection generations, dead letters, alert statuses. Each service has a database of
     * its own (DESIGN.md), named after the service by default, so five services can share one MongoDB server.
     * Environment: {@code MONGODB_DATABASE}, the variable every service reads.
     */
    @WithDefault("${MONGODB_DATABASE:analysis}")
    String database();
}
