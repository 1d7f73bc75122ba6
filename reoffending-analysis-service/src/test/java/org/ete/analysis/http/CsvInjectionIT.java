package org.ete.analysis.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ete.analysis.CsvLines;
import org.ete.analysis.TopicPublisher;
import org.ete.contracts.EventType;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.ete.testsupport.AuthorizedRequests.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CSV injection through the real topic and the HTTP export: referrals whose free-text names (team, office, region,
 * contract area: the partner text that reaches a CSV as a breakdown's group label) begin like spreadsheet formulas
 * come back in the CSV as text behind a single quote, quoted, while the platform's own negative numbers stay numbers.
 * (Providers and employers reach no CSV: the ETE outputs break down by qualification and sector, enumerations.)
 */
@QuarkusTest
@WithTestResource(PlatformInfraResource.class)
class CsvInjectionIT {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A window no other IT publishes into. */
    static final LocalDate FROM = LocalDate.parse("2016-03-01");
    static final LocalDate TO = LocalDate.parse("2016-03-31");
    static final String AS_OF = "2018-06-01";
    static final String TEAM = "=HYPERLINK(\"http://x\",\"y\")";
    static final String OFFICE = "+cmd|' /C calc'!A0";
    static final String REGION = "-2+3+cmd|' /C calc'!A0";
    static final String CONTRACT_AREA = "@SUM(1+1)*cmd|' /C calc'!A0";
    static final int PEOPLE = 24;

    static ObjectNode data(Object... kv) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            n.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        }
        return n;
    }

    @BeforeAll
    static void publishReferralsWithFormulaNames() {
        List<TopicPublisher.Sent> events = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String person = String.format("%064x", 0xC5F000L + i);
            LocalDate takeUp = FROM.plusDays(i % 28);
            events.add(TopicPublisher.event(EventType.REFERRAL_RECEIVED, person, data("referralDate",
                    takeUp.minusDays(10).toString(), "setting", "community", "contractArea", CONTRACT_AREA,
                    "region", REGION, "team", i % 2 == 0 ? TEAM : "Plain", "office", OFFICE, "gender", "male",
                    "dateOfBirth", "1985-01-01", "ethnicity", "white", "offenceCategory", "violence",
                    "ogrs3OneYearPercent", 40, "ogrs3TwoYearPercent", 60)));
            events.add(TopicPublisher.event(EventType.SERVICE_TAKEN_UP, person, data("takenUpOn", takeUp.toString())));
        }
        TopicPublisher.publishAll(PlatformInfra.start().kafkaBootstrapServers(), events);
    }

    static List<List<String>> csv(String by) throws Exception {
        String body = given().accept("text/csv").queryParam("from", FROM.toString()).queryParam("to", TO.toString())
                .queryParam("asOf", AS_OF).queryParam("by", by).when().get("/v1/reoffending")
                .then().statusCode(200).extract().asString();
        return CsvLines.parse(body);
    }

    @Test
    void formulaShapedNamesComeBackAsQuotedTextBehindASingleQuote() throws Exception {
        await().ignoreExceptions().untilAsserted(() -> assertEquals(PEOPLE, given().queryParam("from", FROM.toString())
                .queryParam("to", TO.toString()).queryParam("asOf", AS_OF).when().get("/v1/reoffending")
                .then().statusCode(200).extract().jsonPath().getInt("total.matured")));
        for (String[] dimension : new String[][]{{"team", TEAM}, {"office", OFFICE}, {"region", REGION},
                {"contract-area", CONTRACT_AREA}}) {
            List<List<String>> lines = csv(dimension[0]);
            assertEquals(dimension[0], lines.get(0).get(0));
            List<String> labels = lines.stream().skip(1).map(l -> l.get(0)).toList();
            assertTrue(labels.contains("'" + dimension[1]), dimension[0] + " labels: " + labels);
            for (List<String> line : lines) {
                for (String cell : line) {
                    assertTrue(cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0 || isNumber(cell),
                            "a cell a spreadsheet would evaluate: " + cell);
                }
            }
        }
        String raw = given().accept("text/csv").queryParam("from", FROM.toString()).queryParam("to", TO.toString())
                .queryParam("asOf", AS_OF).queryParam("by", "team").when().get("/v1/reoffending").asString();
        assertTrue(raw.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","), "quoted, quotes doubled: " + raw);
    }

    @Test
    void thePlatformsNegativeNumbersStayNumbers() throws Exception {
        await().ignoreExceptions().untilAsserted(() -> assertEquals(PEOPLE, given().queryParam("from", FROM.toString())
                .queryParam("to", TO.toString()).queryParam("asOf", AS_OF).when().get("/v1/reoffending")
                .then().statusCode(200).extract().jsonPath().getInt("total.matured")));
        // Nobody reoffended against a 60% prediction: the difference in points is negative.
        List<List<String>> lines = csv("team");
        int column = lines.get(0).indexOf("differencePoints");
        List<String> total = lines.get(lines.size() - 1);
        assertEquals("total", total.get(0));
        assertTrue(total.get(column).startsWith("-") && isNumber(total.get(column)), "got " + total);
    }

    private static boolean isNumber(String cell) {
        try {
            Double.parseDouble(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
