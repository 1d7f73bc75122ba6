package org.ete.eventkit.api;

import org.ete.servicekit.problem.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The erasure request's body: exactly a caseReference that is a CRN or an HR candidate reference. */
class ErasureRequestTest {
    @ParameterizedTest
    @ValueSource(strings = {"X123456", "CAND-0042", "E2E-CAND-1"})
    void aCaseReferenceOfEitherKindIsAccepted(String ref) {
        assertEquals(ref, ErasureResource.caseReference(("{\"caseReference\":\"" + ref + "\"}").getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|400|",
            "[]|400|",
            "not json|400|",
            "{}|400|/caseReference",
            "{\"caseReference\": 42}|400|/caseReference",
            "{\"caseReference\": null}|400|/caseReference",
            "{\"caseReference\": \"x123\"}|400|/caseReference",
            "{\"caseReference\": \"X123456\", \"name\": \"Jo\"}|400|/name",
            "{\"caseReference\": \"X123456\", \"caseReference\": \"Y123456\"}|400|"})
    void anythingElseIsAProblemNamingTheField(String body, int status, String field) {
        ProblemException e = assertThrows(ProblemException.class,
                () -> ErasureResource.caseReference(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(status, e.problem().status());
        if (field != null) {
            assertEquals(field, e.problem().errors().get(0).field());
        }
    }

    @org.junit.jupiter.api.Test
    void aHugeBodyIsTooLarge() {
        byte[] big = ("{\"caseReference\":\"" + "A".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertEquals(413, assertThrows(ProblemException.class, () -> ErasureResource.caseReference(big)).problem().status());
    }
}
