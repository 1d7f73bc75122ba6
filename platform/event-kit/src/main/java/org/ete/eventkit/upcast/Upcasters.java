package org.ete.eventkit.upcast;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * The registry of {@link Upcaster} steps, one per (type, fromVersion), checked at start: no step twice, none for an
 * unknown type, none from a version that is not older than the type's current one. {@link #toCurrent} applies the
 * chain from an event's schema version up to the current version of its type, one step at a time; data already at
 * the current version is returned as it is (the common case costs one map look-up).
 *
 * <p>Used on every read of the event store (so the rules, the read side and the relay only ever see current
 * shapes) and at ingest for an event whose {@code dataschema} declares an older version ({@link DataSchemas}).
 */
@Singleton
public class Upcasters {
    /** What {@link #currentVersion} answers for a type the catalogue does not know. */
    public static final int UNKNOWN = -1;

    private final Map<String, TreeMap<Integer, Upcaster>> steps;
    private final ToIntFunction<String> current;

    @Inject
    public Upcasters(@Any Instance<Upcaster> upcasters) {
        this(upcasters.stream().toList(), Upcasters::catalogueVersion);
    }

    /**
     * A registry over {@code upcasters}, with the current version of each type given by {@code currentVersion}
     * ({@link #UNKNOWN} for a type it does not know). Tests use it to model a type that has moved on several versions.
     *
     * @throws IllegalStateException if a step is registered twice, names an unknown type, or does not lead to a
     *                               version at most the current one
     */
    public Upcasters(Collection<? extends Upcaster> upcasters, ToIntFunction<String> currentVersion) {
        this.current = currentVersion;
        Map<String, TreeMap<Integer, Upcaster>> byType = new HashMap<>();
        for (Upcaster u : upcasters) {
            int now = currentVersion.applyAsInt(u.type());
            if (now == UNKNOWN) {
                throw new IllegalStateException("Upcaster " + u.getClass().getName() + " is for unknown type " + u.type());
            }
            if (u.fromVersion() < 0 || u.fromVersion() >= now) {
                throw new IllegalStateException("Upcaster " + u.getClass().getName() + " reads version " + u.fromVersion()
                        + " of " + u.type() + ", whose current version is " + now + "; a step must start below it");
            }
            Upcaster previous = byType.computeIfAbsent(u.type(), t -> new TreeMap<>()).putIfAbsent(u.fromVersion(), u);
            if (previous != null) {
                throw new IllegalStateException("Two upcasters read version " + u.fromVersion() + " of " + u.type() + ": "
                        + previous.getClass().getName() + " and " + u.getClass().getName());
            }
        }
        this.steps = byType;
    }

    /** A registry over {@code upcasters} with the catalogue's current versions. */
    public static Upcasters of(Upcaster... upcasters) {
        return new Upcasters(List.of(upcasters), Upcasters::catalogueVersion);
    }

    /** The current schema version of {@code type}, or {@link #UNKNOWN}. */
    public int currentVersion(String type) {
        return current.applyAsInt(type);
    }

    /**
     * The schema versions of {@code type} this service can read: the current one and every older one from which an
     * unbroken chain of steps leads to it, ascending. Empty for an unknown type.
     */
    public List<Integer> readableVersions(String type) {
        int now = currentVersion(type);
        if (now == UNKNOWN) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        out.add(now);
        Map<Integer, Upcaster> chain = steps.getOrDefault(type, new TreeMap<>());
        for (int v = now - 1; v >= 0 && chain.containsKey(v); v--) {
            out.add(v);
        }
        Collections.reverse(out);
        return List.copyOf(out);
    }

    /** Whether data of {@code type} at {@code version} needs steps to reach the current version. */
    public boolean isOutdated(String type, int version) {
        int now = currentVersion(type);
        return now != UNKNOWN && version != now;
    }

    /**
     * {@code data} of {@code type} at schema {@code version}, in the current shape of the type. Data already current,
     * or of a type the catalogue does not know, is returned as it is; otherwise a copy goes through each step in turn
     * and {@code data} itself is never changed.
     *
     * @throws UpcastException if the version is newer than the current one or below zero, a step is missing, or a
     *                         step fails
     */
    public ObjectNode toCurrent(String type, int version, ObjectNode data) {
        if (!isOutdated(type, version)) {
            return data;
        }
        int now = currentVersion(type);
        if (version > now) {
            throw new UpcastException(type, version, "Schema version " + version + " of " + type
                    + " is newer than the current version " + now + " this service knows", null);
        }
        if (version < 0) {
            throw new UpcastException(type, version, "Schema versions start at 0; " + version + " is not one", null);
        }
        Map<Integer, Upcaster> chain = steps.getOrDefault(type, new TreeMap<>());
        ObjectNode result = data.deepCopy();
        for (int v = version; v < now; v++) {
            Upcaster step = chain.get(v);
            if (step == null) {
                throw new UpcastException(type, version, "Schema version " + version + " of " + type
                        + " can no longer be read: no upcaster from version " + v + " to " + (v + 1)
                        + " (readable versions: " + readableVersions(type) + ")", null);
            }
            try {
                result = step.upcast(result);
            } catch (RuntimeException e) {
                throw new UpcastException(type, version, "The data of " + type + " could not be upgraded from schema version "
                        + v + " to " + (v + 1) + ": " + e.getMessage(), e);
            }
            if (result == null) {
                throw new UpcastException(type, version, "The upcaster of " + type + " from version " + v
                        + " returned no data", null);
            }
        }
        return result;
    }

    private static int catalogueVersion(String type) {
        return EventCatalogue.find(type).map(EventType::schemaVersion).orElse(UNKNOWN);
    }
}
