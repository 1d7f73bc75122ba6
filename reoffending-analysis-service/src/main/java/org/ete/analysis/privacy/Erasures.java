package org.ete.analysis.privacy;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ete.analysis.operations.DeadLetters;
import org.ete.analysis.projection.ErasedPeople;
import org.ete.analysis.projection.PeopleIndex;
import org.ete.analysis.projection.PersonStore;
import org.ete.contracts.PersonErased;
import org.ete.contracts.Topics;
import org.ete.servicekit.kafka.CommittingConsumer;
import org.ete.servicekit.kafka.KafkaClients;
import org.jboss.logging.Logger;

import java.util.concurrent.locks.Lock;

/**
 * Applies the erasures of {@code privacy.erasures.v1} to the analysis service: records the person in the
 * {@link ErasedPeople} ledger, then removes them from every projection generation (the live one and any being
 * rebuilt), from the in-memory index (so every view and aggregate loses exactly their contribution) and from the
 * stored dead letters. All of it under the ledger's exclusive gate, so no projection write that checked the ledger
 * before lands after the removal; the offset is committed only afterwards, so a crash at any line is finished by the
 * redelivery (each step is idempotent). Metric {@code ete.privacy.erasures} (tag outcome: applied, already-applied,
 * invalid).
 */
@ApplicationScoped
public class Erasures {
    private static final Logger LOG = Logger.getLogger(Erasures.class);
    static final String METRIC = "ete.privacy.erasures";

    private final ErasedPeople ledger;
    private final PersonStore store;
    private final PeopleIndex index;
    private final DeadLetters deadLetters;
    private final KafkaClients kafka;
    private final PrivacyConfig config;
    private final MeterRegistry metrics;
    private CommittingConsumer consumer;

    Erasures(ErasedPeople ledger, PersonStore store, PeopleIndex index, DeadLetters deadLetters, KafkaClients kafka,
             PrivacyConfig config, MeterRegistry metrics) {
        this.ledger = ledger;
        this.store = store;
        this.index = index;
        this.deadLetters = deadLetters;
        this.kafka = kafka;
        this.config = config;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent ignored) {
        for (String outcome : new String[]{"applied", "already-applied", "invalid"}) {
            metrics.counter(METRIC, "outcome", outcome);
        }
        metrics.gauge("ete.privacy.erased.people", ledger, ErasedPeople::size);
        if (config.erasuresEnabled()) {
            consumer = CommittingConsumer.start(kafka, "erasure-consumer-analysis", Topics.PRIVACY_ERASURES,
                    config.erasureGroupId(), this::handle);
        }
    }

    void onStop(@Observes ShutdownEvent ignored) {
        if (consumer != null) {
            consumer.stop();
        }
    }

    void handle(ConsumerRecord<String, byte[]> record) {
        PersonErased erasure;
        try {
            erasure = PersonErased.fromJson(record.value());
        } catch (IllegalArgumentException e) {
            LOG.warnf("%s-%d@%d is not an erasure, passed over: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            metrics.counter(METRIC, "outcome", "invalid").increment();
            return;
        }
        apply(erasure);
    }

    /** Records and removes; true if anything changed (false: a redelivery of an erasure already applied). */
    public boolean apply(PersonErased erasure) {
        Lock erasing = ledger.erasing();
        erasing.lock();
        try {
            boolean recorded = ledger.record(erasure);
            int documents = 0;
            for (int generation : store.generations()) {
                if (store.delete(generation, erasure.personId())) {
                    documents++;
                }
            }
            boolean indexed = index.remove(erasure.personId());
            long letters = deadLetters.deletePerson(erasure.personId());
            boolean changed = recorded || documents > 0 || indexed || letters > 0;
            metrics.counter(METRIC, "outcome", changed ? "applied" : "already-applied").increment();
            if (changed) {
                LOG.infof("Erasure %s applied: %d projection documents, %d dead letters removed", erasure.erasureId(),
                        documents, letters);
            }
            return changed;
        } finally {
            erasing.unlock();
        }
    }
}
