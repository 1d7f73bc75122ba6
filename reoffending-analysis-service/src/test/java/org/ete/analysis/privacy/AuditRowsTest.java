package org.ete.analysis.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the audit counts as the rows of a JSON answer: the elements of its tables, at any depth. */
class AuditRowsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rowsOfEveryTableAreCounted() throws Exception {
        // e.g. the ETE outputs: the breakdown's rows, and the courses' and jobs' tables
        assertEquals(5, AuditFilter.tableRows(JSON.readTree("""
                {"tookUp": 30, "rows": [{"group": {"team": "a"}}, {"group": {"team": "b"}}],
                 "coursesCompleted": {"rows": [{}, {}], "total": {}}, "jobsStarted": {"rows": [{}], "total": {}}}""")));
        assertEquals(3, AuditFilter.tableRows(JSON.readTree("{\"entries\": [{}, {}, {}], \"next\": null}")));
        assertEquals(0, AuditFilter.tableRows(JSON.readTree("{\"tookUp\": 30, \"by\": [\"team\"]}")));
    }
}
