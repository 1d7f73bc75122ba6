package org.ete.analysis.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The service's MongoDB database as a bean, so each store names its collections and nothing else. */
public class AnalysisDatabase {
    @Produces
    @Singleton
    MongoDatabase database(MongoClient mongo, MongoDbConfig config) {
        return mongo.getDatabase(config.database());
    }
}
