package org.ete.e2e;

import org.ete.testsupport.PlatformInfra;
import org.ete.testsupport.ServiceProcess;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The five packaged services as separate processes on one broker and MongoDB server, as run.sh starts them. */
final class Platform implements AutoCloseable {
    static final List<String> SERVICES = List.of("referral-service", "training-service", "employment-service",
            "peer-mentor-service", "reoffending-analysis-service");

    final PlatformInfra infra = PlatformInfra.start();
    final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    Platform(String runId) throws IOException {
        Map<String, CompletableFuture<ServiceProcess>> starting = new LinkedHashMap<>();
        for (String s : SERVICES) {
            Map<String, String> env = s.startsWith("reoffending")
                    ? Map.of("PROJECTION_GROUP_ID", "e2e-" + runId) : Map.of();
            starting.put(s, CompletableFuture.supplyAsync(() -> {
                try {
                    return ServiceProcess.start(s, infra, s.replace("-service", "") + "-e2e-" + runId, env);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        starting.forEach((name, f) -> services.put(name, f.join()));
    }

    String url(String service) {
        return services.get(service).baseUrl();
    }

    @Override
    public void close() {
        services.values().forEach(ServiceProcess::close);
    }
}
