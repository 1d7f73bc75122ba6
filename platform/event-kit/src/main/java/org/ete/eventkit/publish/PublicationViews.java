package org.ete.eventkit.publish;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.contracts.Service;
import org.ete.eventkit.config.ProducingService;
import org.ete.eventkit.store.StoredEvent;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link PublicationView}s of this producing service, checked when built: exactly one view for each of the
 * service's types that the contract publishes as a view, and none for any other type (a view of a type the contract
 * publishes as received would change the topic behind the contract's back). A service whose contract asks for a view
 * it does not have does not start, so the full stored data can never reach the topic by omission.
 *
 * <p>{@link #published} is what the relay sends: the stored event, with the view's data and the type's published
 * schema version ({@code ce_schemaversion}) for a viewed type; the stored event itself for every other type.
 */
@Singleton
public class PublicationViews {
    private final Map<String, PublicationView> views;

    @Inject
    public PublicationViews(@Any Instance<PublicationView> views, ProducingService producing) {
        this(views.stream().toList(), producing.service());
    }

    /**
     * The views of {@code service}.
     *
     * @throws IllegalStateException if a view is missing, repeated, for an unknown type, for another service's type,
     *                               or for a type the contract publishes as received
     */
    public PublicationViews(Collection<? extends PublicationView> views, Service service) {
        Map<String, PublicationView> byType = new HashMap<>();
        for (PublicationView v : views) {
            EventType type = EventCatalogue.find(v.type()).orElseThrow(() -> new IllegalStateException(
                    "Publication view " + v.getClass().getName() + " is for unknown type " + v.type()));
            if (type.service() != service) {
                throw new IllegalStateException("Publication view " + v.getClass().getName() + " is for " + v.type()
                        + ", a type of " + type.service().id() + ", not of " + service.id());
            }
            if (!type.hasPublishedView()) {
                throw new IllegalStateException("Publication view " + v.getClass().getName() + " is for " + v.type()
                        + ", which the contract publishes as received (it has no published schema of its own)");
            }
            PublicationView previous = byType.putIfAbsent(v.type(), v);
            if (previous != null) {
                throw new IllegalStateException("Two publication views for " + v.type() + ": "
                        + previous.getClass().getName() + " and " + v.getClass().getName());
            }
        }
        List<String> missing = EventCatalogue.byService(service).stream().filter(EventType::hasPublishedView)
                .map(EventType::type).filter(t -> !byType.containsKey(t)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The contract publishes " + missing + " as a view of the stored data, but "
                    + service.id() + " has no PublicationView for it; it would publish the full stored data");
        }
        this.views = Map.copyOf(byType);
    }

    /** What the relay publishes of {@code event}: its published data and published schema version. */
    public StoredEvent published(StoredEvent event) {
        PublicationView view = views.get(event.type());
        if (view == null) {
            return event;
        }
        EventType type = EventCatalogue.require(event.type());
        return new StoredEvent(event.position(), event.stream(), event.version(), event.type(),
                type.publishedSchemaVersion(), event.occurredAt(), event.recordedAt(), event.source(), event.id(),
                event.time(), view.publish(event.data().deepCopy(),
                        event.derived() == null ? null : event.derived().deepCopy()), event.derived(), event.publishedAt());
    }
}
