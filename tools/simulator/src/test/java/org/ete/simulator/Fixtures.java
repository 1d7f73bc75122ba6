package org.ete.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The default-seed output, generated once per test JVM into a temporary directory (deleted at exit). */
final class Fixtures {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static Path defaultRun;
    private static Generator.Stats defaultStats;

    private Fixtures() {
    }

    static synchronized Path defaultRun() {
        if (defaultRun == null) {
            Path dir = tempDir("sim-default");
            defaultStats = Generator.generate(SimConfig.defaults().withThreads(2), dir);
            defaultRun = dir;
        }
        return defaultRun;
    }

    static synchronized Generator.Stats defaultStats() {
        defaultRun();
        return defaultStats;
    }

    static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> events(Path file) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : lines(file)) {
            try {
                out.add(MAPPER.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + line, e);
            }
        }
        return out;
    }
}
