package org.ete.simulator;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --skip-known DIR}: leaves out the events another data set already holds (same {@code id}), so a live feed on
 * top of a loaded demo brings new people only, instead of acknowledged repeats. Works on the simulator's own NDJSON,
 * whose {@code id} is always the envelope's second member, so a pattern is enough and no JSON is parsed.
 */
final class KnownEvents {
    private static final Pattern ID = Pattern.compile("^\\{\"specversion\":\"1\\.0\",\"id\":\"([^\"]+)\"");

    private KnownEvents() {
    }

    /** Writes the events of {@code dir} whose id is not in {@code known} to {@code out}; returns how many were kept. */
    static long filter(Path dir, Path known, Path out) throws IOException {
        Set<String> ids = new HashSet<>();
        for (String file : Generator.FILES) {
            Path f = known.resolve(file);
            if (Files.exists(f)) {
                try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    for (String line; (line = in.readLine()) != null; ) {
                        String id = id(line);
                        if (id != null) {
                            ids.add(id);
                        }
                    }
                }
            }
        }
        Files.createDirectories(out);
        long kept = 0;
        for (String file : Generator.FILES) {
            Path f = dir.resolve(file);
            if (!Files.exists(f)) {
                continue;
            }
            try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8);
                 BufferedWriter w = Files.newBufferedWriter(out.resolve(file), StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (!line.isBlank() && !ids.contains(id(line))) {
                        w.write(line);
                        w.newLine();
                        kept++;
                    }
                }
            }
        }
        return kept;
    }

    static String id(String line) {
        Matcher m = ID.matcher(line);
        return m.find() ? m.group(1) : null;
    }
}
