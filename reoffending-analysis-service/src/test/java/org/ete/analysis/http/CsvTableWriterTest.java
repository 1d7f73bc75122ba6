package org.ete.analysis.http;

import org.ete.analysis.CsvLines;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvTableWriterTest {
    private static String write(CsvTable table) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvTableWriter().writeTo(table, CsvTable.class, CsvTable.class, null, null, null, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void textCellsThatBeginLikeAFormulaAreQuotedWithALeadingSingleQuote() throws IOException {
        String csv = write(new CsvTable(List.of("team", "people"), List.of(
                List.of("=HYPERLINK(\"http://x\",\"y\")", 12),
                List.of("+1+1", 1),
                List.of("-2+3", 2),
                List.of("@SUM(A1:A2)", 3),
                List.of("\tTab", 4),
                List.of("\rCR", 5))));
        assertEquals("team,people\n"
                + "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",12\n"
                + "\"'+1+1\",1\n"
                + "\"'-2+3\",2\n"
                + "\"'@SUM(A1:A2)\",3\n"
                + "\"'\tTab\",4\n"
                + "\"'\rCR\",5\n", csv);
    }

    @Test
    void theReaderGetsTheOriginalTextBehindTheQuote() throws IOException {
        String team = "=HYPERLINK(\"http://x\",\"y\")";
        List<List<String>> lines = CsvLines.parse(write(new CsvTable(List.of("team"), List.of(List.of(team)))));
        assertEquals(List.of(List.of("team"), List.of("'" + team)), lines);
    }

    @Test
    void numbersWrittenByThePlatformStayNumbersAndOrdinaryTextIsUntouched() throws IOException {
        String csv = write(new CsvTable(List.of("team", "differencePoints", "z", "count", "suppressed", "rate"),
                List.of(Arrays.asList("North", -1.5, -0.25, -3L, false, null),
                        Arrays.asList("Coventry, West", 2.0, 0.0, 0, true, 0.5),
                        Arrays.asList("2018-Q1", -0.0, 1e-9, 7, false, 1.0))));
        assertEquals("team,differencePoints,z,count,suppressed,rate\n"
                + "North,-1.5,-0.25,-3,false,\n"
                + "\"Coventry, West\",2.0,0.0,0,true,0.5\n"
                + "2018-Q1,-0.0,1.0E-9,7,false,1.0\n", csv);
    }

    @Test
    void neutraliseLeavesSafeTextAlone() {
        assertEquals("North", CsvTableWriter.neutralise("North"));
        assertEquals("", CsvTableWriter.neutralise(""));
        assertEquals("a=b", CsvTableWriter.neutralise("a=b"));
        assertEquals("'-x", CsvTableWriter.neutralise("-x"));
    }
}
