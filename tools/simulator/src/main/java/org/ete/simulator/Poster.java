package org.ete.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code --post}: posts each service's NDJSON file to that service's batch endpoint
 * ({@code application/cloudevents-batch+json}, up to 10,000 events and 16 MiB a batch), batches of one service one
 * after another so a person's events arrive in order, the services in parallel. A failed batch (timeout, 5xx,
 * 429) is sent again: what had already been stored comes back as duplicates. A progress bar goes to stderr and a
 * summary of accepted / duplicate / rejected (by rule) to the caller.
 */
final class Poster {

    static final int MAX_BATCH_EVENTS = 10_000;
    /** Default batch: big enough to be efficient, small enough for steady progress on a slow store. */
    static final int DEFAULT_BATCH_EVENTS = 2_000;
    static final int MAX_BATCH_BYTES = 15 * 1024 * 1024; // under the services' 16 MiB
    static final int ATTEMPTS = 5;
    static final Map<String, String> LOCAL = new LinkedHashMap<>();

    static {
        LOCAL.put("referral", "http://localhost:8081");
        LOCAL.put("training", "http://localhost:8082");
        LOCAL.put("employment", "http://localhost:8083");
        LOCAL.put("peer-mentor", "http://localhost:8084");
    }

    /** Per service: what happened to its events. */
    static final class Outcome {
        final String service;
        final long total;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        /** Events of batches that failed for good (after retries, or a 4xx for the whole batch). */
        final AtomicLong failed = new AtomicLong();
        final Map<String, AtomicLong> rejectedBy = new ConcurrentHashMap<>();
        final List<String> samples = new ArrayList<>();

        Outcome(String service, long total) {
            this.service = service;
            this.total = total;
        }
    }

    private Poster() {
    }

    /**
     * Parses {@code referral=URL,training=URL,...}; {@code local} (or {@code localhost}) means the four local ports
     * 8081-8084 of ./run.sh. Unknown service names are rejected.
     */
    static Map<String, String> targets(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        if (spec.trim().equals("local") || spec.trim().equals("localhost")) {
            out.putAll(LOCAL);
            return out;
        }
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--post expects service=URL pairs, e.g. referral=http://localhost:8081;"
                        + " got '" + p + "'");
            }
            String service = p.substring(0, eq).trim();
            if (!LOCAL.containsKey(service)) {
                throw new IllegalArgumentException("unknown service '" + service + "'; one of " + LOCAL.keySet());
            }
            out.put(service, p.substring(eq + 1).trim());
        }
        return out;
    }

    static Path file(Path dir, String service) {
        return dir.resolve(service + ".ndjson");
    }

    static long countLines(Path file) {
        if (!Files.exists(file)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Outcome> post(Path dir, Map<String, String> targets, Transport transport, int batchSize,
                              PrintStream progress) throws InterruptedException {
        List<Outcome> outcomes = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        long started = System.nanoTime();
        for (Map.Entry<String, String> t : targets.entrySet()) {
            Path file = file(dir, t.getKey());
            Outcome o = new Outcome(t.getKey(), countLines(file));
            outcomes.add(o);
            Thread th = new Thread(() -> {
                try {
                    postFile(file, t.getValue(), transport, Math.max(1, Math.min(batchSize, MAX_BATCH_EVENTS)), o);
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }, "post-" + t.getKey());
            threads.add(th);
            th.start();
        }
        Progress bar = new Progress(progress, outcomes, started);
        bar.start();
        for (Thread th : threads) {
            th.join();
        }
        bar.finish();
        if (!errors.isEmpty()) {
            Throwable e = errors.get(0);
            throw new IllegalStateException("posting failed: " + e.getMessage(), e);
        }
        return outcomes;
    }

    private static void postFile(Path file, String url, Transport transport, int batchSize, Outcome o)
            throws IOException, InterruptedException {
        if (!Files.exists(file)) {
            return;
        }
        ObjectMapper mapper = new ObjectMapper();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> batch = new ArrayList<>(batchSize);
            long bytes = 2;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                int size = line.length() + 1;
                if (!batch.isEmpty() && (batch.size() >= batchSize || bytes + size > MAX_BATCH_BYTES)) {
                    send(batch, url, transport, o, mapper);
                    batch.clear();
                    bytes = 2;
                }
                batch.add(line);
                bytes += size;
            }
            if (!batch.isEmpty()) {
                send(batch, url, transport, o, mapper);
            }
        }
    }

    static byte[] body(List<String> lines) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(lines.size() * 400);
        b.write('[');
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                b.write(',');
            }
            b.writeBytes(lines.get(i).getBytes(StandardCharsets.UTF_8));
        }
        b.write(']');
        return b.toByteArray();
    }

    private static void send(List<String> batch, String url, Transport transport, Outcome o, ObjectMapper mapper)
            throws InterruptedException {
        byte[] body = body(batch);
        String problem = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                Transport.Answer a = transport.post(url, Transport.BATCH, body);
                if (a.status() == 200) {
                    tally(mapper.readTree(a.body()), o);
                    o.sent.addAndGet(batch.size());
                    return;
                }
                problem = "HTTP " + a.status() + ": " + abbreviate(a.body());
                if (a.status() != 429 && a.status() < 500) {
                    break; // the whole batch was refused; sending it again would not help
                }
            } catch (IOException e) {
                problem = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            Thread.sleep(Math.min(10_000, 250L << attempt));
        }
        o.sent.addAndGet(batch.size());
        o.failed.addAndGet(batch.size());
        sample(o, "batch failed: " + problem);
    }

    static void tally(JsonNode answer, Outcome o) {
        o.accepted.addAndGet(answer.path("accepted").asLong());
        o.duplicates.addAndGet(answer.path("duplicates").asLong());
        o.rejected.addAndGet(answer.path("rejected").asLong());
        for (JsonNode r : answer.path("results")) {
            if ("rejected".equals(r.path("outcome").asText())) {
                String reason = reason(r.path("problem"));
                o.rejectedBy.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
                sample(o, r.path("id").asText() + ": " + reason + " " + abbreviate(r.path("problem").path("detail").asText()));
            }
        }
    }

    /** The rule (or schema keyword) a problem names: its {@code rule}, its first field error's rule, or its type. */
    static String reason(JsonNode problem) {
        if (problem.hasNonNull("rule")) {
            return problem.get("rule").asText();
        }
        JsonNode errors = problem.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            JsonNode e = errors.get(0);
            return e.path("rule").asText("invalid") + " " + e.path("field").asText("");
        }
        String type = problem.path("type").asText("unknown");
        int slash = type.lastIndexOf('/');
        return slash >= 0 ? type.substring(slash + 1) : type;
    }

    private static void sample(Outcome o, String s) {
        synchronized (o.samples) {
            if (o.samples.size() < 5) {
                o.samples.add(s);
            }
        }
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replace('\n', ' ');
        return one.length() > 160 ? one.substring(0, 157) + "..." : one;
    }

    static void summary(List<Outcome> outcomes, double seconds, PrintStream out) {
        out.printf(Locale.ROOT, "%-12s %12s %12s %12s %12s %12s%n", "service", "events", "accepted", "duplicate",
                "rejected", "failed");
        long sent = 0;
        for (Outcome o : outcomes) {
            out.printf(Locale.ROOT, "%-12s %,12d %,12d %,12d %,12d %,12d%n", o.service, o.sent.get(), o.accepted.get(),
                    o.duplicates.get(), o.rejected.get(), o.failed.get());
            sent += o.sent.get();
            Map<String, Long> by = new TreeMap<>();
            o.rejectedBy.forEach((k, v) -> by.put(k, v.get()));
            by.forEach((k, v) -> out.printf(Locale.ROOT, "    rejected %,d: %s%n", v, k));
            for (String s : o.samples) {
                out.println("    e.g. " + s);
            }
        }
        out.printf(Locale.ROOT, "posted %,d events in %.1f s (%,.0f events/s)%n", sent, seconds,
                seconds > 0 ? sent / seconds : 0);
    }

    /** A progress bar on stderr (redrawn in place on a terminal, a line every few seconds otherwise). */
    static final class Progress {
        private final PrintStream out;
        private final List<Outcome> outcomes;
        private final long started;
        private final boolean terminal = System.console() != null;
        private volatile boolean done;
        private Thread thread;

        Progress(PrintStream out, List<Outcome> outcomes, long started) {
            this.out = out;
            this.outcomes = outcomes;
            this.started = started;
        }

        void start() {
            if (out == null) {
                return;
            }
            thread = new Thread(() -> {
                long last = 0;
                while (!done) {
                    try {
                        Thread.sleep(terminal ? 250 : 500);
                    } catch (InterruptedException e) {
                        return;
                    }
                    long now = System.nanoTime();
                    if (terminal || now - last > 5_000_000_000L) {
                        draw(false);
                        last = now;
                    }
                }
            }, "post-progress");
            thread.setDaemon(true);
            thread.start();
        }

        void finish() throws InterruptedException {
            done = true;
            if (thread != null) {
                thread.interrupt();
                thread.join();
                draw(true);
            }
        }

        private void draw(boolean last) {
            long sent = 0;
            long total = 0;
            StringBuilder parts = new StringBuilder();
            for (Outcome o : outcomes) {
                sent += o.sent.get();
                total += o.total;
                parts.append(String.format(Locale.ROOT, " %s %d%%", o.service,
                        o.total == 0 ? 100 : 100 * o.sent.get() / o.total));
            }
            double secs = (System.nanoTime() - started) / 1e9;
            int width = 30;
            int filled = total == 0 ? width : (int) (width * sent / total);
            String bar = "#".repeat(filled) + ".".repeat(width - filled);
            String text = String.format(Locale.ROOT, "[%s] %,d/%,d events, %,.0f/s |%s", bar, sent, total,
                    secs > 0 ? sent / secs : 0, parts);
            if (terminal) {
                out.print("\r" + text + (last ? "\n" : ""));
            } else {
                out.println(text);
            }
            out.flush();
        }
    }
}
