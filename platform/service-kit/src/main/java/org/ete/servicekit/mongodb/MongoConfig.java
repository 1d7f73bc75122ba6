package org.ete.servicekit.mongodb;

import io.smallrye.config.ConfigMapping;

/**
 * The service's own MongoDB database (the server is {@code quarkus.mongodb.connection-string}). Every service keeps
 * its data in a database of its own (DESIGN.md), so five services can share one server and never read each other's
 * collections.
 */
@ConfigMapping(prefix = "ete.mongodb")
public interface MongoConfig {
    /**
     * The database name. No default here, since only the service knows its own name: each application.properties
     * sets {@code ete.mongodb.database=${MONGODB_DATABASE:<service>}} (the variable every service reads), and its test
     * profile a separate database.
     */
    String database();
}
