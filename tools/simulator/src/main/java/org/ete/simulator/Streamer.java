package org.ete.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.ete.contracts.EventType;

/**
 * {@code --rate R}: replays the generated events as a live feed at R events/s, one CloudEvent per request, in the
 * order they happened across the services, the way partner systems send them: with a share of exact repeats
 * (retries), of late deliveries (held back and sent after later events: only event types no later event of the
 * person depends on, so lateness never causes a rejection by itself), and of invalid events (a copy of a real
 * event with a new id, broken one of seven ways, sent after it). Events of one person go through one lane, so
 * apart from the deliberate disorder they arrive in order. Everything random is drawn from the seed.
 */
final class Streamer {

    /** Types that no later event of the same person needs: safe to deliver late. */
    static final Set<String> LATE_ELIGIBLE = Set.of(
            EventType.RELEASED_FROM_CUSTODY.type(), EventType.RECONVICTION_RECORDED.type(),
            EventType.REFERRAL_CLOSED.type(), EventType.COURSE_COMPLETED.type(), EventType.COURSE_WITHDRAWN.type(),
            EventType.JOB_SUSTAINED.type(), EventType.JOB_ENDED.type(), EventType.MENTOR_GRADUATED.type(),
            EventType.SICKNESS_RECORDED.type(), EventType.EMPLOYEE_LEFT.type());

    /**
     * {@code positionFile}: where the stream records how far into its (seeded, so always identical) plan of deliveries
     * it got, and resumes from on the next run; null for none.
     */
    record Options(double rate, double duplicates, double late, double invalid, long limit, int lanes, long seed,
                   int today, Path positionFile) {
        Options(double rate, double duplicates, double late, double invalid, long limit, int lanes, long seed,
                int today) {
            this(rate, duplicates, late, invalid, limit, lanes, seed, today, null);
        }
    }

    enum Kind { NORMAL, LATE, DUPLICATE, INVALID }

    record Delivery(String service, String subject, String line, Kind kind, long due, long order) {
    }

    /** What was sent and what came back. */
    static final class Counters {
        final AtomicLong natural = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong late = new AtomicLong();
        final AtomicLong duplicatesSent = new AtomicLong();
        final AtomicLong invalidSent = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong duplicateAnswers = new AtomicLong();
        final AtomicLong rejectedInvalid = new AtomicLong();
        final AtomicLong rejectedOther = new AtomicLong();
        final AtomicLong acceptedInvalid = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final Map<String, AtomicLong> rejectedBy = new ConcurrentHashMap<>();
        final List<String> unexpected = new ArrayList<>();
    }

    private Streamer() {
    }

    static long readPosition(Path file) {
        try {
            return file == null || !Files.exists(file) ? 0 : Long.parseLong(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return 0; // unreadable: start from the beginning; what was sent comes back as duplicates
        }
    }

    /** Atomically, so a kill leaves the old position or the new one, never half a number. */
    static void writePosition(Path file, long position) {
        if (file == null) {
            return;
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Long.toString(position));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // best effort: a lost position means some repeats next time, answered as duplicates
        }
    }

    /** One service file, read one event ahead, with the event's domain date for the merge. */
    private static final class Source {
        final String service;
        final int order;
        final BufferedReader in;
        final ObjectMapper mapper;
        String line;
        JsonNode node;
        int day;

        Source(String service, int order, Path file, ObjectMapper mapper) throws IOException {
            this.service = service;
            this.order = order;
            this.in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            this.mapper = mapper;
        }

        boolean next() throws IOException {
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                node = mapper.readTree(line);
                EventType t = EventType.fromType(node.path("type").asText()).orElse(null);
                day = t == null ? 0 : Days.of(t.occurredAt(node.path("data")));
                return true;
            }
            in.close();
            return false;
        }
    }

    static Counters stream(Path dir, Map<String, String> targets, Transport transport, Options opt, PrintStream progress)
            throws InterruptedException {
        ObjectMapper mapper = new ObjectMapper();
        Counters c = new Counters();
        Rng rng = Rng.of(opt.seed(), 3);
        int lanes = Math.max(1, opt.lanes());
        List<BlockingQueue<Delivery>> queues = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        Delivery poison = new Delivery("", "", "", Kind.NORMAL, 0, 0);
        for (int i = 0; i < lanes; i++) {
            BlockingQueue<Delivery> q = new ArrayBlockingQueue<>(1000);
            queues.add(q);
            Thread t = new Thread(() -> lane(q, poison, targets, transport, c, mapper), "stream-lane-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        long started = System.nanoTime();
        long resumeAt = readPosition(opt.positionFile());
        AtomicLong planPosition = new AtomicLong(resumeAt);
        if (resumeAt > 0 && progress != null) {
            progress.printf(Locale.ROOT, "resuming after %,d deliveries sent by an earlier run (%s)%n", resumeAt,
                    opt.positionFile());
        }
        // Recorded conservatively: deliveries still queued or in flight on a lane count as not sent (sent again next
        // time, answered as duplicates) rather than risk skipping one that never went.
        java.util.function.LongSupplier safePosition = () -> Math.max(resumeAt,
                planPosition.get() - queues.stream().mapToLong(BlockingQueue::size).sum() - lanes);
        Thread monitor = monitor(c, started, progress, opt.positionFile(), safePosition);
        try {
            PriorityQueue<Source> sources = new PriorityQueue<>(
                    Comparator.comparingInt((Source s) -> s.day).thenComparingInt(s -> s.order));
            int order = 0;
            for (String service : Generator.FILES) {
                String name = service.substring(0, service.indexOf('.'));
                Path file = dir.resolve(service);
                if (targets.containsKey(name) && Files.exists(file)) {
                    Source s = new Source(name, order++, file, mapper);
                    if (s.next()) {
                        sources.add(s);
                    }
                }
            }
            PriorityQueue<Delivery> held = new PriorityQueue<>(
                    Comparator.comparingLong(Delivery::due).thenComparingLong(Delivery::order));
            long position = 0;
            long dispatched = 0;
            long seq = 0;
            double nanosPerEvent = 1e9 / opt.rate();
            long skipped = 0;
            while (opt.limit() <= 0 || dispatched - skipped < opt.limit()) {
                Delivery next;
                if (!held.isEmpty() && (held.peek().due() <= position || sources.isEmpty())) {
                    next = held.poll();
                } else if (!sources.isEmpty()) {
                    Source s = sources.poll();
                    String subject = s.node.path("subject").asText();
                    String line = s.line;
                    String type = s.node.path("type").asText();
                    JsonNode node = s.node;
                    if (s.next()) {
                        sources.add(s);
                    }
                    position++;
                    c.natural.incrementAndGet();
                    boolean late = LATE_ELIGIBLE.contains(type) && rng.chance(opt.late());
                    if (late) {
                        held.add(new Delivery(s.service, subject, line, Kind.LATE, position + rng.between(20, 2000), seq++));
                    }
                    if (!late && rng.chance(opt.duplicates())) {
                        held.add(new Delivery(s.service, subject, line, Kind.DUPLICATE, position + rng.between(1, 300),
                                seq++));
                    }
                    if (rng.chance(opt.invalid())) {
                        ObjectNode bad = corrupt((ObjectNode) node.deepCopy(), rng, opt.today());
                        held.add(new Delivery(s.service, bad.path("subject").asText(), mapper.writeValueAsString(bad),
                                Kind.INVALID, position + rng.between(1, 50), seq++));
                    }
                    if (late) {
                        continue;
                    }
                    next = new Delivery(s.service, subject, line, Kind.NORMAL, position, seq++);
                } else {
                    break;
                }
                if (skipped < resumeAt) { // planned and sent by an earlier run
                    skipped++;
                    dispatched++;
                    continue;
                }
                long due = started + (long) ((dispatched - skipped) * nanosPerEvent);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                queues.get(Math.floorMod(next.subject().hashCode(), lanes)).put(next);
                dispatched++;
                planPosition.set(dispatched);
                c.sent.incrementAndGet();
                switch (next.kind()) {
                    case LATE -> c.late.incrementAndGet();
                    case DUPLICATE -> c.duplicatesSent.incrementAndGet();
                    case INVALID -> c.invalidSent.incrementAndGet();
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (BlockingQueue<Delivery> q : queues) {
                q.put(poison);
            }
            for (Thread t : workers) {
                t.join();
            }
            monitor.interrupt();
            monitor.join();
            writePosition(opt.positionFile(), planPosition.get()); // every lane has drained: exact
        }
        return c;
    }

    private static void lane(BlockingQueue<Delivery> queue, Delivery poison, Map<String, String> targets,
                             Transport transport, Counters c, ObjectMapper mapper) {
        try {
            while (true) {
                Delivery d = queue.take();
                if (d == poison) {
                    return;
                }
                send(d, targets.get(d.service()), transport, c, mapper);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(Delivery d, String url, Transport transport, Counters c, ObjectMapper mapper)
            throws InterruptedException {
        byte[] body = d.line().getBytes(StandardCharsets.UTF_8);
        for (int attempt = 1; attempt <= 4; attempt++) {
            try {
                Transport.Answer a = transport.post(url, Transport.SINGLE, body);
                int s = a.status();
                if (s == 201) {
                    (d.kind() == Kind.INVALID ? c.acceptedInvalid : c.accepted).incrementAndGet();
                    return;
                }
                if (s == 200) {
                    c.duplicateAnswers.incrementAndGet();
                    return;
                }
                if (s >= 400 && s < 500 && s != 429) {
                    String reason = Poster.reason(parse(mapper, a.body()));
                    c.rejectedBy.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
                    if (d.kind() == Kind.INVALID) {
                        c.rejectedInvalid.incrementAndGet();
                    } else {
                        c.rejectedOther.incrementAndGet();
                        synchronized (c.unexpected) {
                            if (c.unexpected.size() < 5) {
                                c.unexpected.add(d.kind() + " " + reason + ": " + Poster.abbreviate(d.line()));
                            }
                        }
                    }
                    return;
                }
            } catch (IOException e) {
                // a timeout or a dropped connection: a partner retries (the repeat may come back as a duplicate)
            }
            c.retries.incrementAndGet();
            Thread.sleep(Math.min(5_000, 100L << attempt));
        }
        c.errors.incrementAndGet();
    }

    private static JsonNode parse(ObjectMapper mapper, String body) {
        try {
            return mapper.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }

    /** A copy of a real event with a new id, broken one way (schema, envelope, or rule). */
    static ObjectNode corrupt(ObjectNode e, Rng rng, int today) {
        EventType type = EventType.fromType(e.path("type").asText()).orElseThrow();
        e.put("id", e.path("id").asText() + "-x" + rng.between(1, 999_999));
        ObjectNode data = (ObjectNode) e.get("data");
        String dateField = type.occurredAtField();
        switch (rng.nextInt(7)) {
            case 0 -> data.put("unexpectedField", "not in the schema");
            case 1 -> {
                String field = enumField(data);
                if (field != null) {
                    data.put(field, "not-a-valid-value");
                } else {
                    data.put(dateField, "2021-02-30");
                }
            }
            case 2 -> data.put(dateField, Days.iso(today + 400)); // in the future
            case 3 -> e.put("subject", "x" + rng.between(10_000, 99_999) + "!"); // not a CRN / HR reference
            case 4 -> e.put("specversion", "0.3");
            case 5 -> data.remove(dateField); // a required field missing
            default -> {
                // a missing prerequisite: the job, course or application was never started / submitted
                if (data.has("jobId") && type != EventType.JOB_STARTED) {
                    data.put("jobId", "JOB-UNKNOWN-" + rng.between(1, 999_999));
                } else if (data.has("courseId") && type != EventType.COURSE_STARTED) {
                    data.put("courseId", "CRS-UNKNOWN-" + rng.between(1, 999_999));
                } else if (type == EventType.CANDIDATE_HIRED) {
                    data.put("applicationId", "APP-UNKNOWN-" + rng.between(1, 999_999));
                } else {
                    data.put("unexpectedField", "not in the schema");
                }
            }
        }
        return e;
    }

    private static String enumField(ObjectNode data) {
        for (String f : new String[] {"setting", "sector", "qualification", "level", "route", "offenceCategory"}) {
            if (data.has(f)) {
                return f;
            }
        }
        return null;
    }

    private static Thread monitor(Counters c, long started, PrintStream out, Path positionFile,
                                  java.util.function.LongSupplier planPosition) {
        Thread t = new Thread(() -> {
            boolean terminal = System.console() != null;
            long lastLine = 0;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    writePosition(positionFile, planPosition.getAsLong());
                    return;
                }
                writePosition(positionFile, planPosition.getAsLong());
                if (out == null) {
                    continue;
                }
                double secs = (System.nanoTime() - started) / 1e9;
                String text = String.format(Locale.ROOT,
                        "sent %,d (%,.0f/s): accepted %,d, duplicate %,d, rejected %,d (invalid %,d), errors %,d",
                        c.sent.get(), c.sent.get() / secs, c.accepted.get(), c.duplicateAnswers.get(),
                        c.rejectedInvalid.get() + c.rejectedOther.get(), c.rejectedInvalid.get(), c.errors.get());
                if (terminal) {
                    out.print("\r" + text);
                } else if (System.nanoTime() - lastLine > 5_000_000_000L) {
                    out.println(text);
                    lastLine = System.nanoTime();
                }
                out.flush();
            }
        }, "stream-monitor");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void summary(Counters c, double seconds, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "streamed %,d deliveries in %.1f s (%,.1f/s)%n", c.sent.get(), seconds,
                seconds > 0 ? c.sent.get() / seconds : 0);
        out.printf(Locale.ROOT, "  sent: %,d in order, %,d late (out of order), %,d repeats, %,d invalid%n",
                c.sent.get() - c.late.get() - c.duplicatesSent.get() - c.invalidSent.get(), c.late.get(),
                c.duplicatesSent.get(), c.invalidSent.get());
        out.printf(Locale.ROOT, "  answers: %,d accepted, %,d duplicate, %,d rejected (%,d of them the invalid ones), "
                        + "%,d errors after retries (%,d retries)%n", c.accepted.get(), c.duplicateAnswers.get(),
                c.rejectedInvalid.get() + c.rejectedOther.get(), c.rejectedInvalid.get(), c.errors.get(),
                c.retries.get());
        if (c.acceptedInvalid.get() > 0) {
            out.printf(Locale.ROOT, "  WARNING: %,d invalid events were accepted%n", c.acceptedInvalid.get());
        }
        Map<String, Long> by = new TreeMap<>();
        c.rejectedBy.forEach((k, v) -> by.put(k, v.get()));
        by.forEach((k, v) -> out.printf(Locale.ROOT, "    rejected %,d: %s%n", v, k));
        for (String s : c.unexpected) {
            out.println("    unexpected rejection: " + s);
        }
    }
}
