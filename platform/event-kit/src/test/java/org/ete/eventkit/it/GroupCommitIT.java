package org.ete.eventkit.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.ete.contracts.CloudEventExtensions;
import org.ete.contracts.Topics;
import org.ete.eventkit.ingest.Pseudonymiser;
import org.ete.eventkit.testkit.CloudEvents;
import org.ete.eventkit.testkit.TopicProbe;
import org.ete.testsupport.AuthorizedRequests;
import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.PlatformInfraResource;
import org.junit.jupiter.api.Test;

import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.ete.eventkit.testkit.CloudEvents.data;
import static org.ete.eventkit.testkit.CloudEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Single events posted at once are committed in groups (one stream read, one bulk insert, one hand-over to the relay)
 * and still each get the answer they would get alone, over the real HTTP endpoint, MongoDB and Kafka: concurrent
 * events of one person, a partner's retry racing its original, a rule breaker and an invalid event among them; then
 * per-person chains where each event needs the one before. Everything accepted is stored and published exactly once,
 * each person's events in their stream's order.
 */
@QuarkusTest
@TestProfile(TestService.class)
@WithTestResource(PlatformInfraResource.class)
class GroupCommitIT {
    static final String STARTED = "ete.training.course-started.v1";
    static final String COMPLETED = "ete.training.course-completed.v1";
    static final int PEOPLE = 8;
    static final int COURSES = 4;

    @TestHTTPResource("/v1/events")
    URI events;

    @Inject
    Pseudonymiser pseudonymiser;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, JsonNode body) {
    }

    static ObjectNode started(String crn, String course) {
        return event(STARTED, crn, data("courseId", course, "qualification", "cscs", "provider", "Test Skills",
                "startedOn", "2021-04-12"));
    }

    static ObjectNode completed(String crn, String course) {
        return event(COMPLETED, crn, data("courseId", course, "completedOn", "2021-04-16", "achieved", true));
    }

    Answer post(ObjectNode event) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(events)
                .header("Content-Type", "application/cloudevents+json")
                .header("Authorization", AuthorizedRequests.bearer()).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(event.toString())).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), CloudEvents.JSON.readTree(r.body()));
    }

    /** Runs every task at the same moment on its own thread; the answers in the tasks' order. */
    static <T> List<T> allAtOnce(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    return task.call();
                }));
            }
            gate.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentSingleEventsAreEachAnsweredAsAloneAndStoredAndPublishedOnceInOrder() throws Exception {
        List<String> crns = new ArrayList<>();
        for (int p = 0; p < PEOPLE; p++) {
            crns.add(CloudEvents.newCrn());
        }
        // Burst: every person's course starts at once, each sent twice (a partner's retry racing its original), plus
        // a completion of a course never started (422) and an event without data (400).
        List<ObjectNode> burst = new ArrayList<>();
        Map<String, List<String>> expectedIds = new HashMap<>();
        for (String crn : crns) {
            for (int c = 0; c < COURSES; c++) {
                ObjectNode e = started(crn, "C-" + c);
                burst.add(e);
                burst.add(e.deepCopy());
                expectedIds.computeIfAbsent(crn, k -> new ArrayList<>()).add(e.get("id").textValue());
            }
        }
        ObjectNode ruleBreaker = completed(crns.get(0), "NEVER-STARTED");
        ObjectNode invalid = started(crns.get(1), "C-X");
        invalid.remove("data");
        burst.add(ruleBreaker);
        burst.add(invalid);
        List<Callable<Answer>> posts = new ArrayList<>();
        for (ObjectNode e : burst) {
            posts.add(() -> post(e));
        }
        List<Answer> answers = allAtOnce(posts);

        Map<String, List<Integer>> statusesById = new HashMap<>();
        for (int i = 0; i < burst.size(); i++) {
            statusesById.computeIfAbsent(burst.get(i).get("id").textValue(), k -> new ArrayList<>()).add(answers.get(i).status());
        }
        for (List<String> ids : expectedIds.values()) {
            for (String id : ids) {
                List<Integer> statuses = statusesById.get(id);
                statuses.sort(null);
                assertEquals(List.of(200, 201), statuses, "an event and its retry: one accepted, one duplicate (" + id + ")");
            }
        }
        Answer broken = answers.get(burst.size() - 2);
        assertEquals(422, broken.status());
        assertEquals("course-started-first", broken.body().get("rule").textValue());
        assertEquals(400, answers.get(burst.size() - 1).status());
        for (int i = 0; i < burst.size() - 2; i++) {
            Answer a = answers.get(i);
            assertEquals(burst.get(i).get("id").textValue(), a.body().get("id").textValue(), "each request gets its own answer");
        }
        String metrics = AuthorizedRequests.given().get("/q/metrics").then().statusCode(200).extract().asString();
        double largestGroup = metrics.lines().filter(l -> l.startsWith("ete_ingest_group_size_max"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).max().orElse(0);
        assertTrue(largestGroup > 1, "the burst was committed in groups, not one by one: " + largestGroup);

        // Chains: one lane per person, all lanes at once; each completion needs its start, answered before it is sent.
        List<Callable<List<Integer>>> lanes = new ArrayList<>();
        for (String crn : crns) {
            lanes.add(() -> {
                List<Integer> statuses = new ArrayList<>();
                for (int c = 0; c < COURSES; c++) {
                    ObjectNode done = completed(crn, "C-" + c);
                    statuses.add(post(done).status());
                    synchronized (expectedIds) {
                        expectedIds.get(crn).add(done.get("id").textValue());
                    }
                }
                ObjectNode again = completed(crn, "C-0");
                statuses.add(post(again).status());
                return statuses;
            });
        }
        for (List<Integer> statuses : allAtOnce(lanes)) {
            assertEquals(List.of(201, 201, 201, 201, 409), statuses, "each completion after its start; a second one conflicts");
        }

        // Stored: each person's events exactly once, versions 1..n, the starts first, the completions in lane order.
        for (String crn : crns) {
            JsonNode stored = AuthorizedRequests.given().get("/v1/people/" + crn + "/events").then().statusCode(200)
                    .extract().as(JsonNode.class);
            List<String> ids = new ArrayList<>();
            for (int v = 0; v < stored.get("events").size(); v++) {
                JsonNode e = stored.get("events").get(v);
                assertEquals(v + 1, e.get("streamVersion").asInt());
                ids.add(e.get("id").textValue());
            }
            List<String> expected = expectedIds.get(crn);
            assertEquals(expected.size(), ids.size(), "nothing lost, nothing twice for " + crn);
            assertEquals(new java.util.HashSet<>(expected.subList(0, COURSES)), new java.util.HashSet<>(ids.subList(0, COURSES)));
            assertEquals(expected.subList(COURSES, expected.size()), ids.subList(COURSES, ids.size()));
        }

        // Published: the same events, each once, each person's in stream-version order.
        Map<String, String> crnByPerson = crns.stream().collect(Collectors.toMap(pseudonymiser::personId, c -> c));
        String bootstrap = PlatformInfra.start().kafkaBootstrapServers();
        int total = expectedIds.values().stream().mapToInt(List::size).sum();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                TopicProbe.readAll(bootstrap, Topics.TRAINING_EVENTS, r -> crnByPerson.containsKey(r.subject())).size() >= total);
        List<TopicProbe.Published> published =
                TopicProbe.readAll(bootstrap, Topics.TRAINING_EVENTS, r -> crnByPerson.containsKey(r.subject()));
        assertEquals(total, published.size(), "each accepted event published once");
        Map<String, List<TopicProbe.Published>> byPerson = published.stream()
                .collect(Collectors.groupingBy(TopicProbe.Published::subject));
        for (var entry : byPerson.entrySet()) {
            List<Integer> versions = entry.getValue().stream()
                    .map(r -> Integer.parseInt(r.header("ce_" + CloudEventExtensions.STREAM_VERSION))).toList();
            List<Integer> inOrder = new ArrayList<>(versions);
            inOrder.sort(null);
            assertEquals(inOrder, versions, "a person's events on the topic in stream order");
            assertEquals(versions.size(), new java.util.HashSet<>(versions).size());
            assertTrue(entry.getValue().stream().map(TopicProbe.Published::id).toList()
                    .containsAll(expectedIds.get(crnByPerson.get(entry.getKey()))));
        }
    }
}
