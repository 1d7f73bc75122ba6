package org.ete.e2e;

import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.ServiceProcess;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The five packaged services as separate processes on one broker and MongoDB server, as run.sh starts them. */
final class Platform implements AutoCloseable {
    static final List<String> SERVICES = List.of("referral-service", "training-service", "employment-service",
            "peer-mentor-service", "reoffending-analysis-service");

    final PlatformInfra infra;
    final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    /** On the infrastructure this JVM shares, with the analysis service's published counts exact. */
    Platform(String runId) throws IOException {
        this(PlatformInfra.start(), runId, false);
    }

    /**
     * On the infrastructure this JVM shares.
     *
     * @param perturbed whether the analysis service perturbs its published counts as in production (cell-key
     *                  perturbation, ADR 0010); the pipeline tests check exact counts with it off
     */
    Platform(String runId, boolean perturbed) throws IOException {
        this(PlatformInfra.start(), runId, perturbed);
    }

    /** On {@code infra}; the services get its Kafka connection (secured or not) as their only Kafka settings. */
    Platform(PlatformInfra infra, String runId) throws IOException {
        this(infra, runId, false);
    }

    private Platform(PlatformInfra infra, String runId, boolean perturbed) throws IOException {
        this.infra = infra;
        Map<String, CompletableFuture<ServiceProcess>> starting = new LinkedHashMap<>();
        for (String s : SERVICES) {
            Map<String, String> env = s.startsWith("reoffending")
                    ? Map.of("PROJECTION_GROUP_ID", "e2e-" + runId,
                    "ETE_DISCLOSURE_PERTURBATION_ENABLED", String.valueOf(perturbed)) : Map.of();
            starting.put(s, CompletableFuture.supplyAsync(() -> {
                try {
                    return ServiceProcess.start(s, infra, s.replace("-service", "") + "-e2e-" + runId, env);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        CompletionException failed = null;
        for (Map.Entry<String, CompletableFuture<ServiceProcess>> f : starting.entrySet()) {
            try {
                services.put(f.getKey(), f.getValue().join());
            } catch (CompletionException e) {
                failed = e;
            }
        }
        if (failed != null) {
            // The test never gets this Platform to close: stop the services that did start.
            close();
            throw failed;
        }
    }

    String url(String service) {
        return services.get(service).baseUrl();
    }

    @Override
    public void close() {
        services.values().forEach(ServiceProcess::close);
    }
}
