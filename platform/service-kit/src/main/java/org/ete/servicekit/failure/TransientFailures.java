package org.ete.servicekit.failure;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import org.apache.kafka.common.KafkaException;

/**
 * The one place that decides whether a failure of MongoDB or Kafka is worth retrying, so the drivers' exception types
 * are read in one spot: the projection's runner and writer, the rebuild and the dead-letter replay ask here.
 */
public final class TransientFailures {
    private TransientFailures() {
    }

    /**
     * Whether retrying could succeed: MongoDB or Kafka unreachable, timed out, or between primaries. A write MongoDB
     * refuses (a duplicate key, a document too large) and anything thrown by our own code are not transient.
     */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MongoWriteException w) {
                return w.getError().getCategory() == ErrorCategory.EXECUTION_TIMEOUT;
            }
            if (t instanceof MongoException || t instanceof KafkaException) {
                return true;
            }
        }
        return false;
    }
}
