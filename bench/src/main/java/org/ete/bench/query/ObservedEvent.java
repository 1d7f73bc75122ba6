package org.ete.bench.query;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;

import java.lang.annotation.Annotation;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A CDI {@link Event} outside a container: {@link #fire} calls one observer synchronously, as ArC delivers to the
 * service's synchronous observers (the people index fires its changes under its write lock, and the cubes follow).
 * The benchmark wires the index and the cubes by hand with it; nothing it does selects or fires asynchronously.
 */
public final class ObservedEvent<T> implements Event<T> {
    private final Consumer<T> observer;

    public ObservedEvent(Consumer<T> observer) {
        this.observer = observer;
    }

    @Override
    public void fire(T event) {
        observer.accept(event);
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event) {
        throw new UnsupportedOperationException("the benchmark's wiring fires synchronously");
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
        throw new UnsupportedOperationException("the benchmark's wiring fires synchronously");
    }

    @Override
    public Event<T> select(Annotation... qualifiers) {
        throw new UnsupportedOperationException("no qualifiers in the benchmark's wiring");
    }

    @Override
    public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException("no qualifiers in the benchmark's wiring");
    }

    @Override
    public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException("no qualifiers in the benchmark's wiring");
    }
}
