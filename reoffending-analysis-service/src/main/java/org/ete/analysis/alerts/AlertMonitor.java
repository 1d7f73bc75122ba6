package org.ete.analysis.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.ete.analysis.breakdown.Dimension;
import org.ete.analysis.reoffending.Cohort;
import org.ete.analysis.reoffending.MeasuredFrom;
import org.ete.analysis.stats.FunnelPlot;
import org.ete.contracts.AlertStatus;
import org.ete.contracts.EventType;
import org.ete.contracts.SubjectKind;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches the funnel of each configured dimension ({@link AlertsConfig#dimensions()}; cohort ete, follow-up from the
 * index date, the default 12-month window of matured index dates, as of the first of this month, centred on the
 * pooled ratio) every {@link AlertsConfig#interval()}, and publishes
 * {@code ete.analysis.alert-raised.v1} / {@code ete.analysis.alert-cleared.v1} on {@code analysis.alerts.v1} when a
 * group's status changes (see {@link AlertTransition}).
 *
 * <p>A change is made in three steps, each a single-document compare-and-set in {@code alert_status}:
 * <ol>
 *   <li>record the intended change ({@code pending}: new status, detection time, event id, event data);</li>
 *   <li>publish the event and wait for the broker's acknowledgement (acks=all);</li>
 *   <li>record the new status and drop {@code pending}.</li>
 * </ol>
 * A crash or a failed publish leaves {@code pending}; the next evaluation publishes it again with the same id and
 * payload (consumers drop the repeat) before it looks at the group's current status. Delivery is at least once.
 *
 * <p>Groups with E = 0 are never assessed, so they raise nothing. Events carry the exact O, E and O/E even for
 * groups the API suppresses: the contract requires them, and the alert topic is internal, read by the platform's
 * own consumers under the same protection as the person-level event topics (disclosure control applies to the
 * published views). Status changes without an event ({@code ok <-> better}, {@code alarm -> alert}) are recorded
 * directly.
 */
@ApplicationScoped
public class AlertMonitor {
    private static final Logger LOG = Logger.getLogger(AlertMonitor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Cohort COHORT = Cohort.ETE;
    static final MeasuredFrom MEASURED_FROM = MeasuredFrom.INDEX;

    private final FunnelAlerts funnel;
    private final AlertStatusStore store;
    private final AlertPublisher publisher;
    private final MeterRegistry metrics;
    private final AlertsConfig config;

    private final AtomicBoolean paused = new AtomicBoolean();
    private final Map<String, Counter> raised = new ConcurrentHashMap<>();
    private List<Dimension> dimensions = List.of();
    private ScheduledExecutorService scheduler;

    AlertMonitor(FunnelAlerts funnel, AlertStatusStore store, AlertPublisher publisher, MeterRegistry metrics,
                 AlertsConfig config) {
        this.funnel = funnel;
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
    }

    /** An event this monitor published (and whose status change it then recorded). */
    public record Published(String eventId, EventType type, String subject, AlertStatus status,
                            AlertStatus previousStatus, boolean republished) {
    }

    /** After the projection has loaded its index at start (default-priority observers run first). */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent ignored) {
        List<Dimension> dims = new ArrayList<>();
        for (String name : config.dimensions()) {
            Dimension d = Dimension.fromWire(name.trim());
            if (!dims.contains(d)) {
                dims.add(d);
            }
        }
        dimensions = List.copyOf(dims);
        for (Dimension d : dimensions) {
            for (AlertStatus s : List.of(AlertStatus.ALARM, AlertStatus.ALERT)) {
                counter(d.wire(), s);
            }
        }
        if (config.enabled()) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "alert-monitor");
                t.setDaemon(true);
                return t;
            });
            long millis = Math.max(1, config.interval().toMillis());
            scheduler.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
            LOG.infof("Alert monitor: %s every %s", dimensions.stream().map(Dimension::wire).toList(),
                    config.interval());
        }
    }

    void onStop(@Observes ShutdownEvent ignored) {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stops scheduled evaluations (e.g. while a projection is rebuilt) until {@link #resume()}; idempotent. Returns
     * once no scheduled round is running any more.
     */
    public void pause() {
        paused.set(true);
        synchronized (this) {
            // evaluate() holds this monitor: entering it waits for a round in progress to end.
        }
    }

    public void resume() {
        paused.set(false);
    }

    public boolean paused() {
        return paused.get();
    }

    public List<Dimension> dimensions() {
        return dimensions;
    }

    private void tick() {
        if (paused.get()) {
            return;
        }
        try {
            evaluate(LocalDate.now());
        } catch (RuntimeException e) {
            // Never let an exception end the schedule; the next round retries (pending changes included).
            LOG.warnf("Alert evaluation failed, will retry: %s", e.toString());
        }
    }

    /**
     * One evaluation of every configured dimension as of {@code asOf}; returns the events published. Serialised:
     * a scheduled round and a direct call never interleave.
     */
    public synchronized List<Published> evaluate(LocalDate date) {
        // Whole months, as the API judges them (ADR 0010): the first of the month holds for the whole month, and
        // the window is the default 12 months of recent, matured index dates.
        LocalDate asOf = date.withDayOfMonth(1);
        AlertWindow window = AlertWindow.defaultFor(asOf);
        List<Published> out = new ArrayList<>();
        Map<String, AlertStatusStore.Entry> stored = store.all();
        // First finish every change a crash or a failed publish interrupted, exactly as it was meant (same id, same
        // data), whether or not its group is still assessed, before looking at current statuses.
        for (AlertStatusStore.Entry entry : List.copyOf(stored.values())) {
            if (entry.pending() != null) {
                AlertStatusStore.Entry done = finish(entry, entry.pending(), true, out);
                stored.put(entry.id(), done != null ? done : store.find(entry.id()));
            }
        }
        for (Dimension by : dimensions) {
            FunnelEvaluation funnelNow = funnel.evaluate(by, COHORT, MEASURED_FROM, window, asOf,
                    FunnelPlot.Centre.POOLED);
            for (FunnelEvaluation.GroupResult g : funnelNow.groups()) {
                if (!g.assessed()) {
                    continue; // E = 0: no ratio, no status, no alert
                }
                String subject = SubjectKind.alertSubject(by.wire(), g.group());
                if (!SubjectKind.ALERT_GROUP.matches(subject)) {
                    LOG.warnf("Group of %s cannot be an alert subject (length or control characters); skipped",
                            by.wire());
                    continue;
                }
                AlertStatusStore.Entry entry = stored.get(subject);
                if (entry == null) {
                    entry = AlertStatusStore.Entry.absent(subject, by.wire(), g.group(), COHORT.wire());
                }
                change(entry, g, funnelNow, out);
            }
        }
        return out;
    }

    private void change(AlertStatusStore.Entry entry, FunnelEvaluation.GroupResult g, FunnelEvaluation funnel,
                        List<Published> out) {
        if (entry.pending() != null) {
            return; // another monitor's change in flight (it, or our next round, finishes it)
        }
        AlertStatus next = AlertTransition.of(g.point().status());
        AlertStatus previous = entry.status() == null ? AlertStatus.OK : entry.status();
        if (next == previous) {
            return;
        }
        Instant changedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Optional<EventType> type = AlertTransition.event(previous, next);
        if (type.isEmpty()) { // ok <-> better, alarm -> alert: record only
            store.write(new AlertStatusStore.Entry(entry.id(), entry.by(), entry.group(), entry.cohort(), next,
                    changedAt, previous, null, null, entry.version()));
            return;
        }
        String data = data(entry, g, funnel, previous, next, changedAt);
        List<String> violations = AlertPublisher.violations(type.get(), data);
        if (!violations.isEmpty()) {
            LOG.errorf("Alert for %s does not satisfy %s; not published: %s", entry.id(), type.get().type(),
                    violations);
            return;
        }
        AlertStatusStore.Pending pending = new AlertStatusStore.Pending(next, previous, changedAt,
                AlertTransition.eventId(entry.id(), next, changedAt), type.get(), data);
        AlertStatusStore.Entry intent = store.write(entry.withPending(pending));
        if (intent == null) {
            return; // another monitor is changing this group; its change (or ours, next round) stands
        }
        finish(intent, pending, false, out);
    }

    /** Publishes a pending change, then records it; returns the entry as stored, or null if it was not done. */
    private AlertStatusStore.Entry finish(AlertStatusStore.Entry entry, AlertStatusStore.Pending p,
                                          boolean republish, List<Published> out) {
        LocalDate asOf = LocalDate.parse(readAsOf(p.data()));
        publisher.publish(p.eventId(), p.type(), entry.id(), p.changedAt(), asOf, p.data());
        AlertStatusStore.Entry done = store.write(entry.committed(p));
        if (done == null) {
            return null; // someone else recorded it meanwhile: the event was a repeat with the same id
        }
        if (p.type() == EventType.ALERT_RAISED) {
            counter(entry.by(), p.status()).increment();
        }
        out.add(new Published(p.eventId(), p.type(), entry.id(), p.status(), p.previousStatus(), republish));
        LOG.infof("%s %s: %s -> %s (event %s)", p.type().type(), entry.id(), p.previousStatus().wire(),
                p.status().wire(), p.eventId());
        return done;
    }

    private static String data(AlertStatusStore.Entry entry, FunnelEvaluation.GroupResult g, FunnelEvaluation funnel,
                               AlertStatus previous, AlertStatus next, Instant raisedAt) {
        ObjectNode d = JSON.createObjectNode();
        d.put("by", entry.by());
        d.put("group", entry.group());
        d.put("cohort", entry.cohort());
        d.put("status", next.wire());
        d.put("previousStatus", previous.wire());
        d.put("observed", g.point().observed());
        d.put("expected", g.point().expected());
        d.put("ratio", g.point().ratio());
        d.put("asOf", funnel.asOf().toString());
        d.put("raisedAt", raisedAt.toString());
        d.put("from", funnel.from().toString());
        d.put("to", funnel.to().toString());
        if (funnel.theta0() != null) {
            d.put("theta0", funnel.theta0());
        }
        d.put("upper95", g.point().upper95());
        d.put("upper998", g.point().upper998());
        return d.toString();
    }

    private static String readAsOf(String data) {
        try {
            return JSON.readTree(data).get("asOf").asText();
        } catch (Exception e) {
            throw new IllegalStateException("stored alert data is not JSON", e);
        }
    }

    private Counter counter(String by, AlertStatus status) {
        return raised.computeIfAbsent(by + "/" + status.wire(), k -> Counter.builder("ete.alerts.raised")
                .description("Alert-raised events published, by dimension and new status")
                .tag("by", by).tag("status", status.wire()).register(metrics));
    }
}
