package org.ete.analysis.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

/**
 * Per-person projection documents: {@code {_id: personId, version, facts: [...], derived: {...}}}. A write is
 * a compare-and-set on {@code version} (single-document, no transactions): a concurrent writer makes the
 * loser re-read and re-apply. A fact whose key is already present is a no-op, so redelivery is harmless.
 */
@ApplicationScoped
public class PersonStore {
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    @Inject
    MongoClient mongo;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "ete.mongodb.database")
    String database;

    /** Collection of one projection generation; a rebuild writes a new one while the old keeps answering. */
    public MongoCollection<Document> people(int generation) {
        return mongo.getDatabase(database).getCollection("people_g" + generation);
    }

    /**
     * Adds {@code fact} to the person's set and returns the derived state, or null if the fact was already there
     * (nothing changed).
     */
    public PersonState apply(int generation, String personId, Fact fact) {
        MongoCollection<Document> people = people(generation);
        while (true) {
            Document current = people.find(Filters.eq("_id", personId)).first();
            List<Fact> facts = current == null ? new ArrayList<>() : readFacts(current);
            if (facts.stream().anyMatch(f -> f.key().equals(fact.key()))) {
                return null;
            }
            facts.add(fact);
            PersonState state = PersonState.derive(personId, facts);
            long version = current == null ? 0 : ((Number) current.get("version")).longValue();
            Document next = new Document("_id", personId).append("version", version + 1)
                    .append("facts", facts.stream().map(this::toDocument).toList())
                    .append("derived", derivedDocument(state));
            try {
                if (current == null) {
                    people.insertOne(next);
                    return state;
                }
                if (people.replaceOne(Filters.and(Filters.eq("_id", personId), Filters.eq("version", version)), next)
                        .getMatchedCount() == 1) {
                    return state;
                }
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            // Lost the compare-and-set: another writer got there first; read again and re-apply.
        }
    }

    /** Streams every person's state of a generation, e.g. to fill the in-memory index at start. */
    public void forEach(int generation, Consumer<PersonState> sink) {
        for (Document d : people(generation).find()) {
            sink.accept(PersonState.derive(d.getString("_id"), readFacts(d)));
        }
    }

    private Document toDocument(Fact f) {
        return new Document("key", f.key()).append("type", f.type()).append("occurredAt", f.occurredAt().toString())
                .append("recordedAt", f.recordedAt() == null ? null : Date.from(f.recordedAt()))
                .append("data", Document.parse(f.data().toString()));
    }

    private List<Fact> readFacts(Document person) {
        List<Fact> facts = new ArrayList<>();
        for (Document d : person.getList("facts", Document.class)) {
            Date recorded = d.getDate("recordedAt");
            facts.add(new Fact(d.getString("key"), d.getString("type"), LocalDate.parse(d.getString("occurredAt")),
                    recorded == null ? null : recorded.toInstant(), toJson(d.get("data", Document.class))));
        }
        return facts;
    }

    /** The derived fields, stored beside the facts for analysts reading MongoDB directly; never read back. */
    private static Document derivedDocument(PersonState s) {
        return new Document("referralDate", s.referral() == null ? null : s.referral().referralDate().toString())
                .append("tookUpOn", s.tookUpOn() == null ? null : s.tookUpOn().toString())
                .append("foundWork", s.foundWork())
                .append("sustainedWork", s.sustainedWork());
    }

    private ObjectNode toJson(Document d) {
        try {
            return (ObjectNode) json.readTree(d.toJson(RELAXED));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
