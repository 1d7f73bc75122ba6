package org.ete.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** How events reach a service: {@code POST <base>/v1/events}. An interface so tests need no network. */
interface Transport {

    String BATCH = "application/cloudevents-batch+json";
    String SINGLE = "application/cloudevents+json";

    /** An HTTP answer: status and body. */
    record Answer(int status, String body) {
    }

    Answer post(String baseUrl, String contentType, byte[] body) throws IOException, InterruptedException;

    /** {@link java.net.http.HttpClient}, HTTP/1.1, optional bearer token. */
    static Transport http(String token, Duration timeout) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        return (baseUrl, contentType, body) -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(trimSlash(baseUrl) + "/v1/events"))
                    .timeout(timeout)
                    .header("Content-Type", contentType)
                    .header("Accept", "application/json, application/problem+json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (token != null && !token.isBlank()) {
                b.header("Authorization", "Bearer " + token.trim());
            }
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body());
        };
    }

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
