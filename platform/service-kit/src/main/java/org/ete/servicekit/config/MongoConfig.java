package org.ete.servicekit.config;

import io.smallrye.config.ConfigMapping;

/**
 * The service's own MongoDB database (the server is {@code quarkus.mongodb.connection-string}). Every service keeps
 * its data in a database of its own, so services never read each other's collections.
 */
@ConfigMapping(prefix = "ete.mongodb")
public interface MongoConfig {
    /**
     * The database name (environment variable {@code MONGODB_DATABASE}). No default here: each service's
     * application.properties names its own, and its test profile a separate one.
     */
    String database();
}
