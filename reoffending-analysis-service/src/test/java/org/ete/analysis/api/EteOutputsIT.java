package org.ete.analysis.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ete.analysis.TopicPublisher;
import org.ete.contracts.EventType;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** The analysis side of the slice: events on the real topics, per-person documents in MongoDB, the view over HTTP. */
@QuarkusTest
@QuarkusTestResource(PlatformInfraResource.class)
class EteOutputsIT {
    static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode data(Object... kv) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            n.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        }
        return n;
    }

    static String person(int n) {
        return String.format("%064x", n + (long) (Math.random() * 1e12));
    }

    @Test
    void countsTookUpFoundWorkAndSustainedWhateverTheOrderAndRepeats() {
        // Window March 2020: only these test people took up then.
        List<TopicPublisher.Sent> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String p = person(i);
            events.add(TopicPublisher.event(EventType.SERVICE_TAKEN_UP, p, data("takenUpOn", "2020-03-0" + (i + 1))));
            if (i < 3) { // three found work after take-up
                events.add(TopicPublisher.event(EventType.JOB_STARTED, p, data("jobId", "J" + i, "sector", "retail",
                        "employer", "Shop", "hoursPerWeek", 30, "startedOn", "2020-04-01")));
            }
            if (i < 2) { // two of them sustained
                events.add(TopicPublisher.event(EventType.JOB_SUSTAINED, p, data("jobId", "J" + i, "sustainedOn", "2020-07-15")));
            }
        }
        String early = person(9); // a job before take-up is not an ETE output
        events.add(TopicPublisher.event(EventType.SERVICE_TAKEN_UP, early, data("takenUpOn", "2020-03-20")));
        events.add(TopicPublisher.event(EventType.JOB_STARTED, early, data("jobId", "J9", "sector", "retail",
                "employer", "Shop", "hoursPerWeek", 30, "startedOn", "2020-02-01")));

        List<TopicPublisher.Sent> shuffled = new ArrayList<>(events);
        shuffled.addAll(events.subList(0, 5)); // redelivered duplicates
        Collections.shuffle(shuffled, new Random(42));
        TopicPublisher.publishAll(PlatformInfra.start().kafkaBootstrapServers(), shuffled);

        await().untilAsserted(() -> given().queryParam("from", "2020-03-01").queryParam("to", "2020-03-31")
                .when().get("/v1/ete/outputs").then().statusCode(200)
                .body("tookUp", equalTo(5)).body("foundWork", equalTo(3)).body("sustained", equalTo(2))
                .body("foundWorkRate", equalTo(0.6f)).body("sustainedRate", equalTo(2f / 3f)));
    }

    @Test
    void emptyWindowHasNullRates() {
        given().queryParam("from", "1990-01-01").queryParam("to", "1990-01-31").when().get("/v1/ete/outputs")
                .then().statusCode(200).body("tookUp", equalTo(0)).body("foundWorkRate", nullValue());
    }

    @Test
    void badDatesAre400ProblemNamingTheParameter() {
        given().queryParam("from", "2020-13-01").when().get("/v1/ete/outputs").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("/query/from"));
        given().queryParam("from", "2020-03-01").queryParam("to", "2020-02-01").when().get("/v1/ete/outputs")
                .then().statusCode(400).contentType("application/problem+json").body("errors.rule", hasItem("not-before-from"));
    }

    @Test
    void healthAndMetricsAnswer() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("ete_projection_applied_total"));
    }
}
