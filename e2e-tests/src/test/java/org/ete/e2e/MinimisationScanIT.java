package org.ete.e2e;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.ete.contracts.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.awaitility.Awaitility.await;
import static org.ete.e2e.PartnerEvents.JSON;
import static org.ete.e2e.PartnerEvents.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Minimisation and pseudonymisation end to end (DOMAIN.md "Data protection", ADR 0009), checked where the data
 * rests rather than through the API: events with distinctive case references and dates of birth are posted to all
 * four producing services (packaged, separate processes), and once the analysis has projected every one of them,
 * every record of every topic on the broker (key, headers, value) and every document of every collection of every
 * MongoDB database is searched for the raw case references and the dates of birth, in every form they could take.
 * None may be found, except the dates of birth in the referral service's own {@code events} collection, where they
 * must be (the partner contract and the referral rules need them; finding them there shows the scan can find them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MinimisationScanIT {
    static final int PEOPLE = 12;
    static final String REFERRAL_DB_PREFIX = "referral-e2e-";

    Platform platform;
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final PartnerEvents events = new PartnerEvents("urn:ete:e2e:scan:" + run);
    /** Raw case references: CRNs (a letter and six digits) and HR candidate references. */
    final List<String> caseReferences = new ArrayList<>();
    final List<LocalDate> datesOfBirth = new ArrayList<>();
    final Map<String, Integer> postedPerService = new LinkedHashMap<>();

    @BeforeAll
    void startAndPost() throws Exception {
        platform = new Platform(run);
        Random random = new Random(run.hashCode());
        ArrayNode referral = JSON.createArrayNode(), training = JSON.createArrayNode(),
                employment = JSON.createArrayNode(), academy = JSON.createArrayNode();
        for (int i = 0; i < PEOPLE; i++) {
            // 'Z' is no hex digit, so a CRN cannot turn up inside a pseudonym or an event id by chance
            String crn = String.format("Z%06d", random.nextInt(1_000_000));
            while (caseReferences.contains(crn)) {
                crn = String.format("Z%06d", random.nextInt(1_000_000));
            }
            caseReferences.add(crn);
            // dates of birth 1955-1999, on days no event of this test is dated
            LocalDate dob = LocalDate.of(1955 + random.nextInt(45), 1 + random.nextInt(12), 1 + random.nextInt(28));
            datesOfBirth.add(dob);
            LocalDate referred = LocalDate.parse("2018-05-01").plusDays(i);
            LocalDate takeUp = referred.plusDays(7);
            referral.add(events.event("ete.referral.received.v1", crn, data(
                    "referralDate", referred.toString(), "setting", i % 3 == 0 ? "custody" : "community",
                    "contractArea", "DLNR", "region", "East Midlands", "team", "Scan " + (i % 2), "office", "Derby",
                    "gender", i % 2 == 0 ? "male" : "female", "dateOfBirth", dob.toString(), "ethnicity", "white",
                    "offenceCategory", "burglary-other",
                    "ogrs3Factors", Map.of("sanctions", 3, "ageAtFirstSanction", 16, "ageAtCurrentConviction", 18))));
            referral.add(events.event("ete.referral.service-taken-up.v1", crn, data("takenUpOn", takeUp.toString())));
            if (i % 3 == 0) {
                referral.add(events.event("ete.referral.released-from-custody.v1", crn,
                        data("releasedOn", takeUp.plusDays(20).toString())));
            }
            if (i % 4 == 0) {
                referral.add(events.event("ete.referral.reconviction-recorded.v1", crn, data("offenceDate",
                        takeUp.plusDays(90).toString(), "sentenceDate", takeUp.plusDays(150).toString(),
                        "offenceCategory", "violence")));
            }
            training.add(events.event("ete.training.course-started.v1", crn, data("courseId", "C-" + i,
                    "qualification", "nvq", "provider", "Scan Skills", "startedOn", takeUp.plusDays(2).toString())));
            training.add(events.event("ete.training.course-completed.v1", crn, data("courseId", "C-" + i,
                    "completedOn", takeUp.plusDays(40).toString(), "achieved", i % 2 == 0)));
            employment.add(events.event("ete.employment.job-started.v1", crn, data("jobId", "J-" + i,
                    "sector", "retail", "employer", "Scan Stores", "hoursPerWeek", 30,
                    "startedOn", takeUp.plusDays(45).toString())));
            employment.add(events.event("ete.employment.job-sustained.v1", crn, data("jobId", "J-" + i,
                    "sustainedOn", takeUp.plusDays(45 + 91).toString())));

            String candidate = "HRSCAN" + i + "-" + run.toUpperCase(Locale.ROOT);
            caseReferences.add(candidate);
            academy.add(events.event("ete.academy.mentor-training-started.v1", candidate,
                    data("intakeId", "I-1", "startedOn", "2022-01-10")));
            academy.add(events.event("ete.academy.mentor-graduated.v1", candidate, data("graduatedOn", "2022-04-11")));
            academy.add(events.event("ete.academy.application-submitted.v1", candidate, data("applicationId",
                    "A-" + i, "role", "peer mentor", "level", "entry", "livedExperience", true, "route", "academy",
                    "submittedOn", "2022-04-20")));
        }
        post("referral-service", referral);
        post("training-service", training);
        post("employment-service", employment);
        post("peer-mentor-service", academy);
    }

    private void post(String service, ArrayNode batch) {
        PartnerEvents.post(platform.url(service), batch);
        postedPerService.put(service, batch.size());
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void noCaseReferenceOrDateOfBirthRestsOnKafkaOrInMongoDbBeyondTheReferralServicesOwnEvents() throws Exception {
        int posted = postedPerService.values().stream().mapToInt(Integer::intValue).sum();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertEquals(posted, appliedByTheAnalysis(), "events the analysis projected"));

        Needles needles = new Needles(caseReferences, datesOfBirth);
        List<String> findings = new ArrayList<>();
        Map<String, Integer> recordsPerTopic = scanKafka(needles, findings);
        Map<String, Integer> documentsPerCollection = new TreeMap<>();
        Map<LocalDate, Integer> dobsInReferralEvents = new HashMap<>();
        scanMongo(needles, findings, documentsPerCollection, dobsInReferralEvents);
        System.out.println("MinimisationScanIT scanned topics " + recordsPerTopic + "; collections "
                + documentsPerCollection);

        assertEquals(List.of(), findings, "raw case references or dates of birth at rest");

        // the scan is known to work: it finds each date of birth where it must be
        for (LocalDate dob : datesOfBirth) {
            assertTrue(dobsInReferralEvents.getOrDefault(dob, 0) >= 1,
                    "the referral service's events collection keeps the date of birth " + dob);
        }
        // and it saw what was posted, on every producing topic and in every event store
        Map<String, String> topicOf = Map.of("referral-service", Topics.REFERRAL_EVENTS,
                "training-service", Topics.TRAINING_EVENTS, "employment-service", Topics.EMPLOYMENT_EVENTS,
                "peer-mentor-service", Topics.PEER_MENTOR_EVENTS);
        for (Map.Entry<String, Integer> e : postedPerService.entrySet()) {
            String topic = topicOf.get(e.getKey());
            assertTrue(recordsPerTopic.getOrDefault(topic, 0) >= e.getValue(),
                    topic + ": " + recordsPerTopic.get(topic) + " records scanned, " + e.getValue() + " posted");
            String events = e.getKey().replace("-service", "") + "-e2e-" + run + ".events";
            assertEquals(e.getValue(), documentsPerCollection.getOrDefault(events, 0), events);
        }
        String analysisDb = "reoffending-analysis-e2e-" + run + ".";
        int people = documentsPerCollection.entrySet().stream()
                .filter(e -> e.getKey().startsWith(analysisDb + "people_g")).mapToInt(Map.Entry::getValue).sum();
        assertTrue(people >= 2 * PEOPLE, "the analysis's people (service users and candidates): " + people);
        assertTrue(documentsPerCollection.keySet().stream().anyMatch(c -> c.startsWith(analysisDb)),
                "the analysis database was scanned: " + documentsPerCollection.keySet());
        assertTrue(recordsPerTopic.values().stream().mapToInt(Integer::intValue).sum() >= posted);
        assertTrue(needles.analysisAges >= PEOPLE, "the analysis keeps the age at referral instead: "
                + needles.analysisAges);
    }

    /** The sum of the analysis's {@code ete_projection_applied_total} over all event types. */
    private long appliedByTheAnalysis() {
        String metrics = given().when().get(platform.url("reoffending-analysis-service") + "/q/metrics")
                .then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^ete_projection_applied_total\\{[^}]*\\}\\s+([0-9.eE+]+)").matcher(metrics);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return Math.round(sum);
    }

    /** Every record of every topic (internal ones too), from the beginning to the end offsets seen at the start. */
    private Map<String, Integer> scanKafka(Needles needles, List<String> findings) throws Exception {
        Map<String, Object> conf = new HashMap<>(platform.infra.kafkaClientSettings());
        Set<String> topics;
        try (Admin admin = Admin.create(conf)) {
            topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(60, TimeUnit.SECONDS);
        }
        conf.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        conf.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, Integer> counts = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(conf)) {
            for (String topic : topics) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                        .map(i -> new TopicPartition(topic, i.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                int n = 0;
                long deadline = System.currentTimeMillis() + 60_000;
                while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                    assertTrue(System.currentTimeMillis() < deadline, "could not read " + topic + " to its end");
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        n++;
                        String where = topic + "/" + r.partition() + "@" + r.offset();
                        needles.search(where + " key", text(r.key()), findings);
                        needles.search(where + " value", text(r.value()), findings);
                        for (Header h : r.headers()) {
                            needles.search(where + " header " + h.key(), h.key() + "=" + text(h.value()), findings);
                        }
                    }
                }
                counts.put(topic, n);
            }
        }
        return counts;
    }

    /** Every document of every collection of every database on the server. */
    private void scanMongo(Needles needles, List<String> findings, Map<String, Integer> counts,
                           Map<LocalDate, Integer> dobsInReferralEvents) {
        JsonWriterSettings relaxed = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
        try (MongoClient client = MongoClients.create(platform.infra.mongoUri())) {
            for (String dbName : client.listDatabaseNames()) {
                MongoDatabase db = client.getDatabase(dbName);
                for (String collection : db.listCollectionNames()) {
                    String where = dbName + "." + collection;
                    boolean referralEvents = dbName.equals(REFERRAL_DB_PREFIX + run) && collection.equals("events");
                    boolean analysis = dbName.startsWith("reoffending-analysis-");
                    int n = 0;
                    for (Document d : db.getCollection(collection).find()) {
                        n++;
                        String json = d.toJson(relaxed);
                        if (!referralEvents) { // the one place the date of birth must be (checked below)
                            needles.search(where + " " + d.get("_id"), json, findings);
                            needles.searchValues(where + " " + d.get("_id"), d, findings);
                        }
                        if (referralEvents) {
                            Object data = d.get("data");
                            if (data instanceof Document dd && dd.get("dateOfBirth") instanceof String dob) {
                                dobsInReferralEvents.merge(LocalDate.parse(dob), 1, Integer::sum);
                            }
                            // the case references are not stored there either
                            needles.searchCaseReferences(where + " " + d.get("_id"), json, findings);
                        }
                        if (analysis && json.contains("\"ageAtReferral\"")) {
                            needles.analysisAges++;
                        }
                    }
                    counts.put(where, n);
                }
            }
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1); // byte for byte: ASCII matches
    }

    /** What the scan looks for, and how it is written where it might rest. */
    static final class Needles {
        final List<String> references;
        /** date of birth -> its written forms */
        final Map<LocalDate, List<String>> dateForms = new LinkedHashMap<>();
        final Map<Long, LocalDate> epochMillis = new HashMap<>();
        int analysisAges;

        Needles(List<String> references, Collection<LocalDate> datesOfBirth) {
            this.references = references.stream().map(r -> r.toLowerCase(Locale.ROOT)).toList();
            for (LocalDate d : datesOfBirth) {
                dateForms.put(d, List.of(d.toString(), // ISO yyyy-MM-dd, and as a BSON date in relaxed JSON
                        d.format(DateTimeFormatter.BASIC_ISO_DATE), // yyyyMMdd
                        d.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")),
                        d.format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK)).toLowerCase(Locale.ROOT),
                        String.valueOf(d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli())));
                epochMillis.put(d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(), d);
            }
        }

        /** The case references and dates of birth in {@code text}. */
        void search(String where, String text, List<String> findings) {
            searchCaseReferences(where, text, findings);
            String lower = text.toLowerCase(Locale.ROOT);
            dateForms.forEach((dob, forms) -> forms.forEach(f -> {
                if (lower.contains(f)) {
                    findings.add(where + ": date of birth " + dob + " as '" + f + "'");
                }
            }));
        }

        void searchCaseReferences(String where, String text, List<String> findings) {
            String lower = text.toLowerCase(Locale.ROOT);
            for (String r : references) {
                if (lower.contains(r)) {
                    findings.add(where + ": case reference " + r.toUpperCase(Locale.ROOT));
                }
            }
        }

        /** BSON dates and timestamps on a date of birth (whatever the time of day), wherever they are nested. */
        void searchValues(String where, Object value, List<String> findings) {
            if (value instanceof Document d) {
                d.values().forEach(v -> searchValues(where, v, findings));
            } else if (value instanceof List<?> l) {
                l.forEach(v -> searchValues(where, v, findings));
            } else if (value instanceof Date date) {
                LocalDate day = date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
                if (dateForms.containsKey(day)) {
                    findings.add(where + ": date of birth " + day + " as a BSON date");
                }
            } else if (value instanceof BsonTimestamp ts) {
                LocalDate day = java.time.Instant.ofEpochSecond(ts.getTime()).atZone(ZoneOffset.UTC).toLocalDate();
                if (dateForms.containsKey(day)) {
                    findings.add(where + ": date of birth " + day + " as a BSON timestamp");
                }
            } else if (value instanceof Long millis && epochMillis.containsKey(millis)) {
                findings.add(where + ": date of birth " + epochMillis.get(millis) + " as epoch milliseconds");
            }
        }
    }
}
