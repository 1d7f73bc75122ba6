package org.ete.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event catalogue: every event type, its owner, topic, schema version, payload record, domain-date field and
 * subject kind, with look-ups and the JSON Schema of each type (loaded from the classpath, {@code contracts/schemas/}).
 * Thread-safe; schemas are read once and cached.
 */
public final class EventCatalogue {

    private static final List<EventType> ALL = List.of(EventType.values());
    private static final Map<String, EventType> BY_TYPE;
    private static final Map<Service, List<EventType>> BY_SERVICE;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<EventType, String> TEXT_CACHE = new ConcurrentHashMap<>();
    private static final Map<EventType, JsonNode> NODE_CACHE = new ConcurrentHashMap<>();
    private static final Map<EventType, String> PUBLISHED_TEXT_CACHE = new ConcurrentHashMap<>();

    static {
        Map<String, EventType> byType = new LinkedHashMap<>();
        for (EventType t : ALL) {
            byType.put(t.type(), t);
        }
        BY_TYPE = Collections.unmodifiableMap(byType);
        Map<Service, List<EventType>> byService = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            byService.put(s, ALL.stream().filter(t -> t.service() == s).toList());
        }
        BY_SERVICE = Collections.unmodifiableMap(byService);
    }

    private EventCatalogue() {
    }

    /** Every event type: the 19 partner events of the catalogue, then the two alert events. */
    public static List<EventType> all() {
        return ALL;
    }

    /** The 19 event types partners post (the analysis alerts excluded). */
    public static List<EventType> partnerEvents() {
        return ALL.stream().filter(EventType::isPartnerEvent).toList();
    }

    /** Every CloudEvent {@code type} name, in catalogue order. */
    public static List<String> typeNames() {
        return List.copyOf(BY_TYPE.keySet());
    }

    /** The event type with this CloudEvent {@code type}, if known (exact match). */
    public static Optional<EventType> find(String type) {
        return Optional.ofNullable(type == null ? null : BY_TYPE.get(type));
    }

    /** Whether {@code type} names a known event type. */
    public static boolean isKnown(String type) {
        return find(type).isPresent();
    }

    /**
     * The event type with this CloudEvent {@code type}.
     *
     * @throws IllegalArgumentException if unknown
     */
    public static EventType require(String type) {
        return find(type).orElseThrow(() -> new IllegalArgumentException("unknown event type '" + type + "'"));
    }

    /** The event types owned by {@code service}, in catalogue order. */
    public static List<EventType> byService(Service service) {
        return BY_SERVICE.get(service);
    }

    /** The event types owned by the service named {@code serviceId} (e.g. "peer-mentor"); empty if unknown. */
    public static List<EventType> byService(String serviceId) {
        return Service.fromId(serviceId).map(EventCatalogue::byService).orElse(List.of());
    }

    /** The event types published on {@code topic}; empty if unknown. */
    public static List<EventType> byTopic(String topic) {
        return Arrays.stream(Service.values()).filter(s -> s.topic().equals(topic))
                .flatMap(s -> byService(s).stream()).toList();
    }

    /** The JSON Schema (draft 2020-12) of {@code type}'s data, as text, exactly as published. */
    public static String schemaText(EventType type) {
        return TEXT_CACHE.computeIfAbsent(type, EventCatalogue::readSchema);
    }

    /** The JSON Schema text of the type named {@code type}; {@link IllegalArgumentException} if unknown. */
    public static String schemaText(String type) {
        return schemaText(require(type));
    }

    /** The JSON Schema of {@code type}'s data, parsed. Returns a fresh copy: callers may not share mutations. */
    public static JsonNode schema(EventType type) {
        return NODE_CACHE.computeIfAbsent(type, t -> {
            try {
                return MAPPER.readTree(schemaText(t));
            } catch (IOException e) {
                throw new UncheckedIOException("schema of " + t.type() + " is not JSON", e);
            }
        }).deepCopy();
    }

    /**
     * The JSON Schema of {@code type}'s data as published on its topic ({@link EventType#publishedSchemaResource()}):
     * the same as {@link #schemaText(EventType)} unless the type has a published view.
     */
    public static String publishedSchemaText(EventType type) {
        return type.hasPublishedView()
                ? PUBLISHED_TEXT_CACHE.computeIfAbsent(type, t -> read(t.publishedSchemaResource()))
                : schemaText(type);
    }

    /** {@link #publishedSchemaText(EventType)}, parsed (a fresh copy). */
    public static JsonNode publishedSchema(EventType type) {
        try {
            return MAPPER.readTree(publishedSchemaText(type));
        } catch (IOException e) {
            throw new UncheckedIOException("published schema of " + type.type() + " is not JSON", e);
        }
    }

    /** The parsed JSON Schema of the type named {@code type}; {@link IllegalArgumentException} if unknown. */
    public static JsonNode schema(String type) {
        return schema(require(type));
    }

    /** All schemas as text, keyed by {@code $id} (e.g. to preload a validator's registry). */
    public static Map<String, String> schemasById() {
        Map<String, String> out = new LinkedHashMap<>();
        for (EventType t : ALL) {
            out.put(t.schemaId(), schemaText(t));
        }
        return Collections.unmodifiableMap(out);
    }

    private static String readSchema(EventType type) {
        return read(type.schemaResource());
    }

    private static String read(String resource) {
        try (InputStream in = open(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema " + resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    static InputStream open(String resource) {
        ClassLoader own = EventCatalogue.class.getClassLoader();
        InputStream in = own == null ? null : own.getResourceAsStream(resource);
        if (in == null) {
            ClassLoader tccl = Thread.currentThread().getContextClassLoader();
            in = tccl == null ? null : tccl.getResourceAsStream(resource);
        }
        return in;
    }
}
