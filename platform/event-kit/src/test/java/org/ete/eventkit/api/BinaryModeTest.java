package org.ete.eventkit.api;

import org.ete.servicekit.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BinaryModeTest {
    @Test
    void headerValuesArePercentDecodedAsUtf8() {
        assertEquals("A100001", BinaryMode.decode("subject", "A100001"));
        assertEquals("caf\u00e9 100%", BinaryMode.decode("subject", "caf%C3%A9 100%25"));
        assertEquals("\u20ac", BinaryMode.decode("source", "%e2%82%ac"));
    }

    @Test
    void aBrokenEscapeOrInvalidUtf8NamesTheAttribute() {
        for (String bad : new String[]{"X12%zz", "%C3%28", "50%", "%4"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> BinaryMode.decode("subject", bad), bad);
            assertEquals(400, e.problem().status());
            assertEquals("/subject", e.problem().errors().get(0).field());
            assertEquals("percent-encoding", e.problem().errors().get(0).rule());
        }
    }
}
