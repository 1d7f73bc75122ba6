package org.ete.analysis.alerts;

import org.ete.contracts.AlertStatus;
import org.ete.contracts.EventType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.ete.contracts.AlertStatus.ALARM;
import static org.ete.contracts.AlertStatus.ALERT;
import static org.ete.contracts.AlertStatus.BETTER;
import static org.ete.contracts.AlertStatus.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertTransitionTest {
    static Optional<EventType> raised = Optional.of(EventType.ALERT_RAISED);
    static Optional<EventType> cleared = Optional.of(EventType.ALERT_CLEARED);
    static Optional<EventType> none = Optional.empty();

    @Test
    void everyPairOfStatuses() {
        // rows: previous; columns: next in the order alarm, alert, better, ok
        AlertStatus[] order = {ALARM, ALERT, BETTER, OK};
        Object[][] expected = {
                {none, none, cleared, cleared},     // from alarm: alarm -> alert is still alerting, no event
                {raised, none, cleared, cleared},   // from alert: alert -> alarm raises again
                {raised, raised, none, none},       // from better
                {raised, raised, none, none},       // from ok (also: a group never seen)
        };
        for (int i = 0; i < order.length; i++) {
            for (int j = 0; j < order.length; j++) {
                assertEquals(expected[i][j], AlertTransition.event(order[i], order[j]), order[i] + " -> " + order[j]);
            }
        }
    }

    @Test
    void eventIdIsDeterministicPerChange() {
        Instant t = Instant.parse("2024-05-01T06:00:00.123Z");
        String id = AlertTransition.eventId("team/North", ALARM, t);
        assertEquals(id, AlertTransition.eventId("team/North", ALARM, t));
        assertEquals(64, id.length());
        assertTrue(id.matches("[0-9a-f]{64}"));
        assertNotEquals(id, AlertTransition.eventId("team/North", ALERT, t));
        assertNotEquals(id, AlertTransition.eventId("team/South", ALARM, t));
        assertNotEquals(id, AlertTransition.eventId("team/North", ALARM, t.plusMillis(1)));
    }
}
