package org.ete.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads an event's {@code data} into its {@link EventPayload} record and writes a record back as {@code data}, in the
 * contract's wire form: ISO dates, enumerations by their {@link WireValue#wire() wire names}, absent optional
 * properties left out. Thread-safe.
 *
 * <p>Meant for data that passed the type's JSON Schema (which alone reports problems to partners); a mismatch here
 * is a contract bug and fails loudly. The mapper is private, so the wire names never leak into other JSON the
 * platform writes with the enums' Java names.
 */
public final class Payloads {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .addModule(wireValues())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT,
                    JsonInclude.Include.NON_ABSENT))
            .build();

    private Payloads() {
    }

    /**
     * The payload record of {@code type} holding {@code data}.
     *
     * @throws IllegalArgumentException if {@code type} has no payload record (an analysis alert), or {@code data}
     *                                  does not fit it
     */
    public static EventPayload read(EventType type, JsonNode data) {
        Class<? extends EventPayload> payloadType = type.payloadType().orElseThrow(() ->
                new IllegalArgumentException(type.type() + " has no payload record"));
        try {
            return MAPPER.treeToValue(data, payloadType);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The data of " + type.type() + " does not fit "
                    + payloadType.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** {@code payload} as event data, exactly as a partner would send it. */
    public static ObjectNode write(EventPayload payload) {
        return MAPPER.valueToTree(payload);
    }

    /** {@code payload} as published data (the record value on the topic). */
    public static ObjectNode write(PublishedPayload payload) {
        return MAPPER.valueToTree(payload);
    }

    /**
     * Published data read into its record.
     *
     * @throws IllegalArgumentException if {@code data} does not fit {@code type}
     */
    public static <T extends PublishedPayload> T readPublished(Class<T> type, JsonNode data) {
        try {
            return MAPPER.treeToValue(data, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The data does not fit " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static SimpleModule wireValues() {
        SimpleModule module = new SimpleModule("wire-values");
        module.addSerializer(WireValue.class, new StdSerializer<>(WireValue.class) {
            @Override
            public void serialize(WireValue value, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeString(value.wire());
            }
        });
        module.setDeserializers(new SimpleDeserializers() {
            @Override
            public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config,
                                                            BeanDescription description) {
                return WireValue.class.isAssignableFrom(type) ? new WireValueDeserializer(type) : null;
            }
        });
        return module;
    }

    /** One {@link WireValue} enum read by wire name; any other text is refused, never mapped to a constant. */
    private static final class WireValueDeserializer extends StdDeserializer<Object> {
        private final transient Object[] constants;

        WireValueDeserializer(Class<?> type) {
            super(type);
            this.constants = type.getEnumConstants();
        }

        @Override
        public Object deserialize(JsonParser in, DeserializationContext context) throws IOException {
            String wire = in.getValueAsString();
            for (Object constant : constants) {
                if (((WireValue) constant).wire().equals(wire)) {
                    return constant;
                }
            }
            return context.handleWeirdStringValue(handledType(), wire, "not one of "
                    + Arrays.stream(constants).map(c -> ((WireValue) c).wire()).toList());
        }
    }
}
