package org.ete.servicekit.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The service's MongoDB database as one bean, so each store names its collections and nothing else. */
public class ServiceDatabase {
    @Produces
    @Singleton
    MongoDatabase database(MongoClient mongo, MongoConfig config) {
        return mongo.getDatabase(config.database());
    }
}
