package org.ete.eventkit.ingest;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import jakarta.enterprise.context.ApplicationScoped;
import org.ete.contracts.EventCatalogue;
import org.ete.contracts.EventType;
import org.ete.contracts.Service;
import org.ete.contracts.SubjectKind;
import org.ete.eventkit.config.ProducingService;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The event types this service owns ({@link ProducingService}), with their JSON Schemas
 * compiled once at start from {@code platform/contracts}, the single source of validation and docs.
 */
@ApplicationScoped
public class EventTypes {
    private final Service service;
    private final Map<String, EventTypeSpec> byName = new LinkedHashMap<>();

    public EventTypes(ProducingService producing) {
        this.service = producing.service();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .pathType(PathType.JSON_POINTER)
                        .formatAssertionsEnabled(true)
                        .locale(Locale.ENGLISH)
                        .build()));
        for (EventType type : EventCatalogue.byService(service)) {
            byName.put(type.type(), new EventTypeSpec(type, registry.getSchema(EventCatalogue.schemaText(type))));
        }
    }

    public Optional<EventTypeSpec> find(String type) {
        return Optional.ofNullable(byName.get(type));
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public String topic() {
        return service.topic();
    }

    public SubjectKind subjectKind() {
        return service.subjectKind();
    }

    public Pattern subjectPattern() {
        return service.subjectKind().pattern();
    }

    public String subjectDescription() {
        return service.subjectKind().description();
    }
}
