package org.ete.analysis.alerts;

import org.ete.contracts.AlertStatus;
import org.ete.contracts.EventType;
import org.ete.analysis.stats.FunnelPlot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What a change of a group's funnel status means for the alert topic.
 * <ul>
 *   <li>into {@code alarm} or {@code alert} from {@code ok} or {@code better} (or a group not seen before, which
 *       counts as {@code ok}), and {@code alert -> alarm}: {@code ete.analysis.alert-raised.v1};</li>
 *   <li>from {@code alarm} or {@code alert} to {@code ok} or {@code better}: {@code ete.analysis.alert-cleared.v1};</li>
 *   <li>{@code alarm -> alert} (still alerting, less so) and {@code ok <-> better}: no event, but the new status
 *       is recorded, so that a later {@code alert -> alarm} or {@code better -> alert} is seen as a change.</li>
 * </ul>
 */
public final class AlertTransition {
    private AlertTransition() {
    }

    public static boolean alerting(AlertStatus status) {
        return status == AlertStatus.ALARM || status == AlertStatus.ALERT;
    }

    /** The event a change from {@code previous} to {@code next} publishes, if any (none when they are equal). */
    public static Optional<EventType> event(AlertStatus previous, AlertStatus next) {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(next, "next");
        if (previous == next) {
            return Optional.empty();
        }
        if (alerting(next) && (!alerting(previous) || next == AlertStatus.ALARM)) {
            return Optional.of(EventType.ALERT_RAISED);
        }
        if (alerting(previous) && !alerting(next)) {
            return Optional.of(EventType.ALERT_CLEARED);
        }
        return Optional.empty();
    }

    public static AlertStatus of(FunnelPlot.Status status) {
        return AlertStatus.fromWire(status.label());
    }

    /**
     * The CloudEvent id of one change: a SHA-256 over the subject, the new status and the instant the change was
     * detected, hex-encoded. The monitor stores the intended change (with this id) before publishing, so a crash
     * between the publish and the status write republishes the same id, which consumers drop as a repeat.
     */
    public static String eventId(String subject, AlertStatus next, Instant changedAt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String input = subject + "\n" + next.wire() + "\n" + changedAt.toEpochMilli();
            return HexFormat.of().formatHex(sha.digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
