package org.ete.eventkit.upcast;

import org.ete.contracts.EventType;
import org.ete.servicekit.problem.FieldError;
import org.ete.servicekit.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How the envelope's dataschema declares the schema version of the data. */
class DataSchemasTest {
    static final EventType JOB = EventType.JOB_STARTED;
    static final String ID = "https://ete.example/contracts/schemas/ete.employment.job-started.v1.json";

    @Test
    void noDataschemaOrAForeignOneDeclaresNothing() {
        assertEquals(OptionalInt.empty(), DataSchemas.declaredVersion(JOB, null));
        assertEquals(OptionalInt.empty(), DataSchemas.declaredVersion(JOB, "https://partner.example/schemas/job?version=0"));
        assertEquals(OptionalInt.empty(), DataSchemas.declaredVersion(JOB, "urn:partner:job-started"));
    }

    @Test
    void theSchemaIdIsTheCurrentVersion() {
        assertEquals(ID, JOB.schemaId());
        assertEquals(OptionalInt.of(JOB.schemaVersion()), DataSchemas.declaredVersion(JOB, ID));
    }

    @Test
    void theIdWithAVersionDeclaresThatVersion() {
        assertEquals(ID + "?version=0", DataSchemas.uri(JOB, 0));
        assertEquals(OptionalInt.of(0), DataSchemas.declaredVersion(JOB, DataSchemas.uri(JOB, 0)));
        assertEquals(OptionalInt.of(1), DataSchemas.declaredVersion(JOB, ID + "?version=1"));
        assertEquals(OptionalInt.of(12), DataSchemas.declaredVersion(JOB, ID + "?version=12"));
    }

    @Test
    void anotherTypesSchemaIsRejected() {
        FieldError e = rejected(EventType.JOB_ENDED.schemaId());
        assertEquals("dataschema-type", e.rule());
        assertEquals("dataschema-type", rejected("https://ete.example/contracts/schemas/other.json?version=0").rule());
    }

    @ParameterizedTest
    @ValueSource(strings = {"?version=", "?version=x", "?version=-1", "?version=01", "?v=0", "?version=0&x=1",
            "?version=1.0", "?version=99999999999", "?"})
    void aMalformedVersionIsRejected(String query) {
        assertEquals("dataschema-version", rejected(ID + query).rule());
    }

    @Test
    void aFragmentIsRejected() {
        assertEquals("dataschema", rejected(ID + "#/properties").rule());
    }

    private static FieldError rejected(String dataschema) {
        ProblemException e = assertThrows(ProblemException.class, () -> DataSchemas.declaredVersion(JOB, dataschema));
        assertEquals(400, e.problem().status());
        FieldError error = e.problem().errors().get(0);
        assertEquals("/dataschema", error.field());
        return error;
    }
}
