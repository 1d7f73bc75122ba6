package org.ete.testsupport;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A packaged service ({@code <module>/target/quarkus-app/quarkus-run.jar}) running in its own JVM, for tests and
 * benchmarks that must kill a process (kill -9) or run several services together, as production does.
 */
public final class ServiceProcess implements AutoCloseable {
    private final String module;
    private final Map<String, String> env;
    private final int port;
    private final Path log;
    private Process process;

    /** The key packaged services get in tests: the same in every producing service, as in production. */
    public static final String TEST_PSEUDONYMISATION_KEY = "test-pseudonymisation-key-0123456789abcdef";
    /** The analysis service's record-key secret in tests (cell-key perturbation, ADR 0010); production has none. */
    public static final String TEST_PERTURBATION_KEY = "test-perturbation-record-key-0123456789abcdef";

    private ServiceProcess(String module, Map<String, String> env, int port, Path log) {
        this.module = module;
        this.env = env;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code module} against the given infrastructure (its Kafka connection, secured or not, as
     * {@link PlatformInfra#kafkaEnvironment()}), with its own MongoDB database, on a free port.
     */
    public static ServiceProcess start(String module, PlatformInfra infra, String database, Map<String, String> extraEnv)
            throws IOException {
        Map<String, String> env = new java.util.HashMap<>(infra.kafkaEnvironment());
        env.putAll(Map.of(
                "MONGODB_URI", infra.mongoUri(),
                "MONGODB_DATABASE", database,
                // A packaged service runs in the production profile, which has no pseudonymisation key of its own.
                "ETE_PSEUDONYMISATION_KEY", TEST_PSEUDONYMISATION_KEY,
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", TestTokens.publicKeyFile().toString(),
                // Nor has the analysis service a record-key secret for cell-key perturbation (the others ignore it).
                "ETE_DISCLOSURE_PERTURBATION_KEY", TEST_PERTURBATION_KEY));
        env.putAll(extraEnv);
        ServiceProcess p = new ServiceProcess(module, env, freePort(), Files.createTempFile(module + "-", ".log"));
        p.launch();
        return p;
    }

    /**
     * System property with the services' JVM options (separated by spaces or commas). Tests keep the default: the
     * quick compiler only, which starts sooner and leaves the two cores to the tests. Benchmarks pass the production
     * options (full JIT, as run.sh): with the quick compiler alone RS256 token checks and JSON cost several times more.
     */
    public static final String JVM_OPTIONS = "ete.service.jvm-options";
    static final String TEST_JVM_OPTIONS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private void launch() throws IOException {
        Path jar = moduleDir().resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the module first (mvn package)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : System.getProperty(JVM_OPTIONS, TEST_JVM_OPTIONS).split("[\\s,]+")) {
            if (!option.isBlank()) {
                cmd.add(option);
            }
        }
        cmd.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        pb.environment().put("HTTP_PORT", String.valueOf(port));
        process = pb.start();
        try {
            awaitReady(Duration.ofSeconds(120));
        } catch (RuntimeException | IOException e) {
            // A failed start leaves nothing running: start()'s caller gets no ServiceProcess it could close.
            process.destroyForcibly();
            throw e;
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: no shutdown hook, no flush, exactly like a crash. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts the same service again on the same port and database. */
    public void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("still running");
        }
        launch();
    }

    /** The service JVM's process id (benchmarks read its memory from {@code /proc/<pid>/status}). */
    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited during start-up; log: " + tail());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl() + "/q/health/ready").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        throw new IllegalStateException(module + " not ready after " + timeout + "; log: " + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private Path moduleDir() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (dir.getFileName() != null && dir.getFileName().toString().equals(module) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
            if (Files.isDirectory(dir.resolve(module)) && Files.exists(dir.resolve(module).resolve("pom.xml"))) {
                return dir.resolve(module);
            }
        }
        throw new IllegalStateException("module " + module + " not found above " + Paths.get("").toAbsolutePath());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
