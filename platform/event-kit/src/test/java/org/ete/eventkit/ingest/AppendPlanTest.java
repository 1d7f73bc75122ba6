package org.ete.eventkit.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.eventkit.domain.DomainEvent;
import org.ete.eventkit.domain.RuleViolation;
import org.ete.eventkit.domain.StreamRules;
import org.ete.eventkit.ingest.AppendPlan.Append;
import org.ete.eventkit.ingest.AppendPlan.Broken;
import org.ete.eventkit.ingest.AppendPlan.Decision;
import org.ete.eventkit.ingest.AppendPlan.Duplicate;
import org.ete.eventkit.ingest.AppendPlan.RepeatOf;
import org.ete.eventkit.store.StoredEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * How a group of events (single requests committed together, or a batch) is decided: in arrival order, each against
 * its person's stream as read plus the group's earlier events of that person, exactly as one after the other.
 */
class AppendPlanTest {
    static final String ANN = "a".repeat(64);
    static final String BOB = "b".repeat(64);

    /** A referral first, at most one; a take-up only after it. */
    static final StreamRules RULES = (candidate, history) -> {
        boolean referred = history.stream().anyMatch(e -> e.type() == EventType.REFERRAL_RECEIVED);
        if (candidate.type() == EventType.SERVICE_TAKEN_UP && !referred) {
            throw RuleViolation.unprocessable("referral-required", "/subject", "no referral");
        }
        if (candidate.type() == EventType.REFERRAL_RECEIVED && referred) {
            throw RuleViolation.conflict("already-referred", "/subject", "referred before");
        }
    };

    static IncomingEvent event(EventType type, String person, String id) {
        ObjectNode data = ((ObjectNode) EventCatalogue.schema(type).get("examples").get(0)).deepCopy();
        DomainEvent e = DomainEvent.read(type, person, type.occurredAt(data), data);
        return new IncomingEvent(e, type.schemaVersion(), "urn:test", id, null, data);
    }

    static StoredEvent stored(IncomingEvent e, int version) {
        return new StoredEvent(100 + version, e.personId(), version, e.type(), e.schemaVersion(), e.occurredAt(),
                Instant.EPOCH, e.source(), e.id(), null, e.data(), null, Instant.EPOCH);
    }

    static Decision[] decide(Map<String, List<StoredEvent>> streams, IncomingEvent... group) {
        return AppendPlan.decide(Arrays.asList(group), streams, RULES);
    }

    @Test
    void twoEventsOfOnePersonInOneGroupAreDecidedInArrivalOrder() {
        Decision[] d = decide(Map.of(ANN, List.of()),
                event(EventType.REFERRAL_RECEIVED, ANN, "r"), event(EventType.SERVICE_TAKEN_UP, ANN, "t"));
        assertEquals(1, assertInstanceOf(Append.class, d[0]).event().version());
        assertEquals(2, assertInstanceOf(Append.class, d[1]).event().version(), "the take-up follows the group's referral");
    }

    @Test
    void anEventBeforeItsPrerequisiteInTheGroupIsRejectedAsItWouldBeAlone() {
        Decision[] d = decide(Map.of(ANN, List.of()),
                event(EventType.SERVICE_TAKEN_UP, ANN, "t"), event(EventType.REFERRAL_RECEIVED, ANN, "r"));
        assertEquals("referral-required", assertInstanceOf(Broken.class, d[0]).problem().rule());
        assertEquals(1, assertInstanceOf(Append.class, d[1]).event().version(), "the rejected take-up took no version");
    }

    @Test
    void aRuleBrokenAgainstAnEarlierEventOfTheGroupIsRejected() {
        Decision[] d = decide(Map.of(ANN, List.of()),
                event(EventType.REFERRAL_RECEIVED, ANN, "r1"), event(EventType.REFERRAL_RECEIVED, ANN, "r2"));
        assertInstanceOf(Append.class, d[0]);
        assertEquals("already-referred", assertInstanceOf(Broken.class, d[1]).problem().rule());
    }

    @Test
    void aRepeatWithinTheGroupIsAnsweredLikeItsFirstCopy() {
        Decision[] d = decide(Map.of(ANN, List.of()),
                event(EventType.REFERRAL_RECEIVED, ANN, "r"), event(EventType.REFERRAL_RECEIVED, ANN, "r"));
        assertInstanceOf(Append.class, d[0]);
        assertEquals(0, assertInstanceOf(RepeatOf.class, d[1]).first());
    }

    @Test
    void anEventAlreadyInItsStreamIsADuplicateAndANewOneTakesTheNextVersion() {
        IncomingEvent referral = event(EventType.REFERRAL_RECEIVED, ANN, "r");
        StoredEvent first = stored(referral, 1);
        Decision[] d = decide(Map.of(ANN, new ArrayList<>(List.of(first))),
                event(EventType.REFERRAL_RECEIVED, ANN, "r"), event(EventType.SERVICE_TAKEN_UP, ANN, "t"));
        assertEquals(first, assertInstanceOf(Duplicate.class, d[0]).stored());
        assertEquals(2, assertInstanceOf(Append.class, d[1]).event().version());
    }

    @Test
    void peopleAreDecidedIndependentlyAndAlreadyAnsweredEventsAreSkipped() {
        List<IncomingEvent> group = new ArrayList<>();
        group.add(event(EventType.REFERRAL_RECEIVED, ANN, "r-ann"));
        group.add(null); // e.g. invalid: answered before the plan
        group.add(event(EventType.SERVICE_TAKEN_UP, BOB, "t-bob"));
        group.add(event(EventType.SERVICE_TAKEN_UP, ANN, "t-ann"));
        Decision[] d = AppendPlan.decide(group, Map.of(ANN, List.of(), BOB, List.of()), RULES);
        assertInstanceOf(Append.class, d[0]);
        assertNull(d[1]);
        assertInstanceOf(Broken.class, d[2]);
        assertEquals(2, assertInstanceOf(Append.class, d[3]).event().version());
    }

    @Test
    void theStreamAsReadIsNotChangedByThePlan() {
        List<StoredEvent> annStream = new ArrayList<>();
        decide(Map.of(ANN, annStream), event(EventType.REFERRAL_RECEIVED, ANN, "r"));
        assertEquals(List.of(), annStream, "provisional events stay in the plan: a lost race re-reads the store");
    }
}
