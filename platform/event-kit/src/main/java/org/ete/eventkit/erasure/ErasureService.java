package org.ete.eventkit.erasure;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.ete.contracts.PersonErased;
import org.ete.eventkit.config.ProducingService;
import org.ete.eventkit.ingest.Pseudonymiser;
import org.ete.eventkit.store.ErasureLedger;
import org.ete.eventkit.store.EventStore;
import org.jboss.logging.Logger;

/**
 * Erasure of a person in a producing service. A request ({@link #erase}) pseudonymises the case reference, records
 * the erasure in the {@link ErasureLedger} (from then on the door refuses the person's events), deletes the person's
 * events from this service's store (published or still in the outbox) and hands the erasure to the
 * {@link ErasurePublisher}; an erasure read from {@code privacy.erasures.v1} ({@link #apply}) is recorded and deleted
 * the same way. Each step is idempotent and the ledger is written first, so a crash at any line is finished by the
 * retry, the publisher's sweep or the topic's redelivery: the deletion runs again and finds nothing more to delete.
 */
@ApplicationScoped
public class ErasureService {
    private static final Logger LOG = Logger.getLogger(ErasureService.class);
    static final String METRIC = "ete.privacy.erasures";

    private final Pseudonymiser pseudonymiser;
    private final ErasureLedger ledger;
    private final EventStore store;
    private final ErasurePublisher publisher;
    private final ProducingService producing;
    private final MeterRegistry metrics;

    public ErasureService(Pseudonymiser pseudonymiser, ErasureLedger ledger, EventStore store,
                          ErasurePublisher publisher, ProducingService producing, MeterRegistry metrics) {
        this.pseudonymiser = pseudonymiser;
        this.ledger = ledger;
        this.store = store;
        this.publisher = publisher;
        this.producing = producing;
        this.metrics = metrics;
    }

    @PostConstruct
    void registerMetrics() {
        for (String outcome : new String[]{"received", "repeated", "applied", "already-applied", "invalid"}) {
            metrics.counter(METRIC, "outcome", outcome);
        }
    }

    /** What an erasure request did: the erasure, whether this request recorded it, how many events it deleted here. */
    public record Erased(PersonErased erasure, boolean created, long deletedEvents) {
    }

    /** Erases the person with this case reference (already validated); a repeat answers the first erasure. */
    public Erased erase(String caseReference) {
        String personId = pseudonymiser.personId(caseReference);
        ErasureLedger.Recorded recorded = ledger.receive(personId, producing.service().id());
        long deleted = store.deleteStream(personId);
        publisher.wake();
        metrics.counter(METRIC, "outcome", recorded.created() ? "received" : "repeated").increment();
        LOG.infof("Erasure %s: %d events deleted here%s", recorded.erasure().erasureId(), deleted,
                recorded.created() ? "" : " (a repeat of an earlier request)");
        return new Erased(recorded.erasure(), recorded.created(), deleted);
    }

    /** Applies an erasure read from the topic: record it (unless known) and delete the person's events here. */
    public void apply(PersonErased erasure) {
        ErasureLedger.Recorded recorded = ledger.learn(erasure);
        long deleted = store.deleteStream(erasure.personId());
        metrics.counter(METRIC, "outcome", recorded.created() || deleted > 0 ? "applied" : "already-applied").increment();
        if (deleted > 0) {
            LOG.infof("Erasure %s from %s: %d events deleted here", erasure.erasureId(), erasure.origin(), deleted);
        }
    }

    void invalid() {
        metrics.counter(METRIC, "outcome", "invalid").increment();
    }

    /** Whether events for {@code personId} are refused at the door. */
    public boolean isErased(String personId) {
        return ledger.isErased(personId);
    }
}
