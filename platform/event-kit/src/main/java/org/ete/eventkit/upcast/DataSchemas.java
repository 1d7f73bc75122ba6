package org.ete.eventkit.upcast;

import org.ete.contracts.EventType;
import org.ete.servicekit.problem.FieldError;
import org.ete.servicekit.problem.Problem;
import org.ete.servicekit.problem.ProblemException;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an incoming CloudEvent says which schema version its {@code data} follows: the standard {@code dataschema}
 * attribute (no extension attribute, so the envelope's closed attribute set is unchanged).
 * <ul>
 *   <li>absent: the type's current version;</li>
 *   <li>the schema's {@code $id} (e.g. {@code https://ete.example/contracts/schemas/ete.employment.job-started.v1.json}):
 *       the current version;</li>
 *   <li>the {@code $id} with {@code ?version=N}: version N, which the service upgrades to the current shape with its
 *       {@link Upcaster}s before validating, or rejects (400 on {@code /dataschema}, rule {@code schema-version}) if it
 *       cannot;</li>
 *   <li>another URI under the contract's namespace ({@value EventType#SCHEMA_ID_BASE}), e.g. another type's schema, a
 *       fragment or a malformed version: 400 on {@code /dataschema};</li>
 *   <li>any other URI: the partner's own reference, not interpreted (the data is validated as the current version).</li>
 * </ul>
 * The store keeps the version in each event document ({@code schemaVersion}) and the relay publishes it as the Kafka
 * header {@code ce_schemaversion}.
 */
public final class DataSchemas {
    /** The query parameter of a {@code dataschema} that names an older schema version. */
    public static final String VERSION_PARAMETER = "version";
    private static final Pattern VERSION_QUERY = Pattern.compile("^" + VERSION_PARAMETER + "=(0|[1-9][0-9]{0,8})$");

    private DataSchemas() {
    }

    /** The {@code dataschema} that declares schema {@code version} of {@code type}: its {@code $id}, {@code ?version=N}. */
    public static String uri(EventType type, int version) {
        return type.schemaId() + "?" + VERSION_PARAMETER + "=" + version;
    }

    /**
     * The schema version {@code dataschema} declares for an event of {@code type}; empty when it declares none (absent,
     * or a URI outside the contract's namespace).
     *
     * @throws ProblemException a 400 naming {@code /dataschema} if it is under the contract's namespace but is not this
     *                          type's schema or not a well-formed version
     */
    public static OptionalInt declaredVersion(EventType type, String dataschema) {
        if (dataschema == null || !dataschema.startsWith(EventType.SCHEMA_ID_BASE)) {
            return OptionalInt.empty();
        }
        if (dataschema.indexOf('#') >= 0) {
            throw invalid("dataschema", "dataschema may not carry a fragment; use " + type.schemaId()
                    + " or " + uri(type, type.schemaVersion()));
        }
        int q = dataschema.indexOf('?');
        String id = q < 0 ? dataschema : dataschema.substring(0, q);
        if (!id.equals(type.schemaId())) {
            throw invalid("dataschema-type", "dataschema names another schema than that of " + type.type()
                    + "; use " + type.schemaId() + ", with ?" + VERSION_PARAMETER + "=N for an older version");
        }
        if (q < 0) {
            return OptionalInt.of(type.schemaVersion());
        }
        Matcher m = VERSION_QUERY.matcher(dataschema.substring(q + 1));
        if (!m.matches()) {
            throw invalid("dataschema-version", "dataschema may carry only ?" + VERSION_PARAMETER
                    + "=N with N a schema version (a whole number), e.g. " + uri(type, type.schemaVersion()));
        }
        return OptionalInt.of(Integer.parseInt(m.group(1)));
    }

    private static ProblemException invalid(String rule, String message) {
        return new ProblemException(Problem.invalid("The dataschema is not one this service can honour",
                List.of(new FieldError("/dataschema", rule, message))));
    }
}
