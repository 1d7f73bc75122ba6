package org.ete.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EventCatalogueTest {

    /** DESIGN.md's catalogue, in its order, then the analysis alerts. */
    static final List<String> CATALOGUE = List.of(
            "ete.referral.received.v1", "ete.referral.service-taken-up.v1", "ete.referral.released-from-custody.v1",
            "ete.referral.reconviction-recorded.v1", "ete.referral.closed.v1", "ete.training.course-started.v1",
            "ete.training.course-completed.v1", "ete.training.course-withdrawn.v1", "ete.employment.job-started.v1",
            "ete.employment.job-sustained.v1", "ete.employment.job-ended.v1", "ete.academy.mentor-training-started.v1",
            "ete.academy.mentor-graduated.v1", "ete.academy.mentor-withdrew.v1",
            "ete.academy.application-submitted.v1", "ete.academy.candidate-hired.v1",
            "ete.academy.employee-promoted.v1", "ete.academy.employee-left.v1", "ete.academy.sickness-recorded.v1");
    static final List<String> ALERTS = List.of("ete.analysis.alert-raised.v1", "ete.analysis.alert-cleared.v1");

    @Test
    void coversTheNineteenCatalogueTypesAndTheTwoAlerts() {
        assertEquals(CATALOGUE, EventCatalogue.partnerEvents().stream().map(EventType::type).toList());
        assertEquals(Stream.concat(CATALOGUE.stream(), ALERTS.stream()).toList(), EventCatalogue.typeNames());
        assertEquals(21, EventCatalogue.all().size());
    }

    @Test
    void everySchemaFileHasACatalogueEntryAndViceVersa() throws IOException, URISyntaxException {
        URL folder = EventCatalogueTest.class.getClassLoader().getResource(EventType.SCHEMA_FOLDER);
        assertNotNull(folder);
        Set<String> files;
        try (Stream<Path> s = Files.list(Path.of(folder.toURI()))) {
            files = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        Set<String> expected = EventCatalogue.all().stream().map(t -> t.type() + ".json").collect(Collectors.toSet());
        expected.add(EventType.PUBLISHED_FOLDER.substring(0, EventType.PUBLISHED_FOLDER.length() - 1));
        assertEquals(expected, files);
        Set<String> published;
        try (Stream<Path> s = Files.list(Path.of(folder.toURI()).resolve(EventType.PUBLISHED_FOLDER))) {
            published = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertEquals(EventCatalogue.all().stream().filter(EventType::hasPublishedView).map(t -> t.type() + ".json")
                .collect(Collectors.toSet()), published, "a published schema for each type with a published view");
        for (EventType t : EventCatalogue.all()) {
            assertTrue(EventCatalogue.schemaText(t).contains("\"" + t.type() + "\""));
        }
    }

    @Test
    void ownersTopicsAndVersions() {
        assertEquals(5, EventCatalogue.byService(Service.REFERRAL).size());
        assertEquals(3, EventCatalogue.byService(Service.TRAINING).size());
        assertEquals(3, EventCatalogue.byService(Service.EMPLOYMENT).size());
        assertEquals(8, EventCatalogue.byService(Service.PEER_MENTOR).size());
        assertEquals(List.of(EventType.ALERT_RAISED, EventType.ALERT_CLEARED),
                EventCatalogue.byService(Service.REOFFENDING_ANALYSIS));
        assertEquals(EventCatalogue.byService(Service.PEER_MENTOR), EventCatalogue.byService("peer-mentor"));
        assertEquals(List.of(), EventCatalogue.byService("nonsense"));
        assertEquals(EventCatalogue.byService(Service.TRAINING), EventCatalogue.byTopic("training.events.v1"));
        assertEquals(List.of(), EventCatalogue.byTopic("nonsense"));
        for (EventType t : EventCatalogue.all()) {
            assertEquals(1, t.schemaVersion());
            String prefix = switch (t.service()) {
                case REFERRAL -> "ete.referral.";
                case TRAINING -> "ete.training.";
                case EMPLOYMENT -> "ete.employment.";
                case PEER_MENTOR -> "ete.academy.";
                case REOFFENDING_ANALYSIS -> "ete.analysis.";
            };
            assertTrue(t.type().startsWith(prefix), t.type());
            assertEquals(t.service().topic(), t.topic());
            assertEquals(t.type().endsWith(".v1") && t.isPartnerEvent(), CATALOGUE.contains(t.type()));
        }
    }

    @Test
    void topicNames() {
        assertEquals("referral.events.v1", Topics.REFERRAL_EVENTS);
        assertEquals("training.events.v1", Topics.TRAINING_EVENTS);
        assertEquals("employment.events.v1", Topics.EMPLOYMENT_EVENTS);
        assertEquals("peer-mentor.events.v1", Topics.PEER_MENTOR_EVENTS);
        assertEquals("analysis.alerts.v1", Topics.ANALYSIS_ALERTS);
        assertEquals("referral.events.v1", Service.REFERRAL.topic());
        assertEquals("peer-mentor.events.v1", EventType.SICKNESS_RECORDED.topic());
        assertEquals("analysis.alerts.v1", EventType.ALERT_CLEARED.topic());
        assertEquals(5, Topics.ALL.size());
        assertEquals(4, Topics.PRODUCER_TOPICS.size());
    }

    @Test
    void domainDateAndDateFieldsOfEachType() {
        Map<String, String> occurred = new LinkedHashMap<>();
        occurred.put("ete.referral.received.v1", "referralDate");
        occurred.put("ete.referral.service-taken-up.v1", "takenUpOn");
        occurred.put("ete.referral.released-from-custody.v1", "releasedOn");
        occurred.put("ete.referral.reconviction-recorded.v1", "sentenceDate");
        occurred.put("ete.referral.closed.v1", "closedOn");
        occurred.put("ete.training.course-started.v1", "startedOn");
        occurred.put("ete.training.course-completed.v1", "completedOn");
        occurred.put("ete.training.course-withdrawn.v1", "withdrawnOn");
        occurred.put("ete.employment.job-started.v1", "startedOn");
        occurred.put("ete.employment.job-sustained.v1", "sustainedOn");
        occurred.put("ete.employment.job-ended.v1", "endedOn");
        occurred.put("ete.academy.mentor-training-started.v1", "startedOn");
        occurred.put("ete.academy.mentor-graduated.v1", "graduatedOn");
        occurred.put("ete.academy.mentor-withdrew.v1", "withdrewOn");
        occurred.put("ete.academy.application-submitted.v1", "submittedOn");
        occurred.put("ete.academy.candidate-hired.v1", "appointedOn");
        occurred.put("ete.academy.employee-promoted.v1", "promotedOn");
        occurred.put("ete.academy.employee-left.v1", "leftOn");
        occurred.put("ete.academy.sickness-recorded.v1", "firstDay");
        occurred.put("ete.analysis.alert-raised.v1", "asOf");
        occurred.put("ete.analysis.alert-cleared.v1", "asOf");
        for (EventType t : EventCatalogue.all()) {
            assertEquals(occurred.get(t.type()), t.occurredAtField(), t.type());
        }
        assertEquals(List.of("referralDate", "dateOfBirth"), EventType.REFERRAL_RECEIVED.dateFields());
        assertEquals(List.of("offenceDate", "sentenceDate"), EventType.RECONVICTION_RECORDED.dateFields());
        assertEquals(List.of("appointedOn", "startedOn"), EventType.CANDIDATE_HIRED.dateFields());
        assertEquals(List.of("firstDay"), EventType.SICKNESS_RECORDED.dateFields());
    }

    @Test
    void readsTheDomainDateFromData() {
        JsonNode data = ContractSchemas.json(
                "{\"offenceDate\":\"2022-01-08\",\"sentenceDate\":\"2022-04-20\",\"offenceCategory\":\"other\"}");
        assertEquals(LocalDate.of(2022, 4, 20), EventType.RECONVICTION_RECORDED.occurredAt(data));
        assertEquals(Map.of("offenceDate", LocalDate.of(2022, 1, 8), "sentenceDate", LocalDate.of(2022, 4, 20)),
                EventType.RECONVICTION_RECORDED.dates(data));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> EventType.SERVICE_TAKEN_UP.occurredAt(ContractSchemas.json("{}")));
        assertTrue(missing.getMessage().contains("takenUpOn"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> EventType.SERVICE_TAKEN_UP.occurredAt(ContractSchemas.json("{\"takenUpOn\":\"2021-02-30\"}")));
        assertTrue(bad.getMessage().contains("takenUpOn"));
    }

    @Test
    void subjectKinds() {
        for (EventType t : EventCatalogue.all()) {
            SubjectKind expected = switch (t.service()) {
                case REFERRAL, TRAINING, EMPLOYMENT -> SubjectKind.CRN;
                case PEER_MENTOR -> SubjectKind.HR_CANDIDATE_REFERENCE;
                case REOFFENDING_ANALYSIS -> SubjectKind.ALERT_GROUP;
            };
            assertSame(expected, t.subjectKind(), t.type());
        }
        assertEquals("^[A-Z][0-9]{6}$", SubjectKind.CRN.pattern().pattern());
        assertEquals("^[A-Z0-9-]{4,20}$", SubjectKind.HR_CANDIDATE_REFERENCE.pattern().pattern());
        assertTrue(SubjectKind.CRN.matches("X123456"));
        for (String bad : new String[] {"x123456", "X12345", "X1234567", "XX12345", "X123456\n", "", null}) {
            assertFalse(SubjectKind.CRN.matches(bad), String.valueOf(bad));
        }
        assertTrue(SubjectKind.HR_CANDIDATE_REFERENCE.matches("CAND-2023-0042"));
        assertTrue(SubjectKind.HR_CANDIDATE_REFERENCE.matches("A1B2"));
        for (String bad : new String[] {"ab-12", "ABC", "A".repeat(21), "CAND_1", null}) {
            assertFalse(SubjectKind.HR_CANDIDATE_REFERENCE.matches(bad), String.valueOf(bad));
        }
        String subject = SubjectKind.alertSubject("team", "Nottingham City North");
        assertEquals("team/Nottingham City North", subject);
        assertTrue(SubjectKind.ALERT_GROUP.matches(subject));
        assertFalse(SubjectKind.ALERT_GROUP.matches("Team/x"));
    }

    @Test
    void lookUps() {
        assertSame(EventType.JOB_SUSTAINED, EventCatalogue.require("ete.employment.job-sustained.v1"));
        assertSame(EventType.CANDIDATE_HIRED, EventType.fromType("ete.academy.candidate-hired.v1").orElseThrow());
        assertTrue(EventCatalogue.isKnown("ete.analysis.alert-raised.v1"));
        assertFalse(EventCatalogue.isKnown("ete.referral.received.v2"));
        assertFalse(EventCatalogue.isKnown("ETE.REFERRAL.RECEIVED.V1"));
        assertFalse(EventCatalogue.isKnown(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventCatalogue.require("ete.nothing.v1"));
        assertTrue(e.getMessage().contains("ete.nothing.v1"));
        assertThrows(IllegalArgumentException.class, () -> EventCatalogue.schema("ete.nothing.v1"));
    }

    @Test
    void schemasAreLoadedOnceAndHandedOutAsCopies() {
        ObjectNode s = (ObjectNode) EventCatalogue.schema("ete.employment.job-started.v1");
        s.put("title", "changed");
        assertEquals("ete.employment.job-started.v1", EventCatalogue.schema(EventType.JOB_STARTED).get("title").asText());
        assertSame(EventCatalogue.schemaText(EventType.JOB_STARTED), EventCatalogue.schemaText("ete.employment.job-started.v1"));
        Map<String, String> byId = EventCatalogue.schemasById();
        assertEquals(21, byId.size());
        assertTrue(byId.containsKey("https://ete.example/contracts/schemas/ete.referral.received.v1.json"));
        assertEquals("contracts/schemas/ete.referral.received.v1.json", EventType.REFERRAL_RECEIVED.schemaResource());
    }
}
