package org.ete.analysis.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code ete.query.latency}: the time of every {@code GET /v1/...} from the request reaching its resource method
 * to the response leaving the filters, tagged with the resource's path template (e.g. {@code /v1/reoffending}),
 * so the tag set stays small whatever the query parameters. The timers of every GET under {@code /v1/} are
 * registered at start, so they read 0 before the first query.
 */
@Singleton
public class QueryLatency {
    static final String NAME = "ete.query.latency";
    private static final String STARTED = QueryLatency.class.getName() + ".started";

    private final MeterRegistry metrics;
    private final BeanManager beans;

    private final Map<Method, Timer> byMethod = new ConcurrentHashMap<>();

    QueryLatency(MeterRegistry metrics, BeanManager beans) {
        this.metrics = metrics;
        this.beans = beans;
    }

    void onStart(@Observes StartupEvent ignored) {
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> resource = bean.getBeanClass();
            if (resource.isAnnotationPresent(Path.class)) {
                for (Method m : resource.getMethods()) {
                    if (m.isAnnotationPresent(GET.class)) {
                        timer(resource, m);
                    }
                }
            }
        }
    }

    @ServerRequestFilter
    public void started(ContainerRequestContext request) {
        if ("GET".equals(request.getMethod())) {
            request.setProperty(STARTED, System.nanoTime());
        }
    }

    @ServerResponseFilter
    public void finished(ContainerRequestContext request, ResourceInfo resource) {
        Object started = request.getProperty(STARTED);
        Method method = resource == null ? null : resource.getResourceMethod();
        if (started instanceof Long t0 && method != null) {
            Timer timer = timer(resource.getResourceClass(), method);
            if (timer != null) {
                timer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** The timer of a resource method under /v1/, or null for any other path. */
    private Timer timer(Class<?> resource, Method method) {
        Timer timer = byMethod.get(method);
        if (timer != null) {
            return timer;
        }
        String template = template(resource, method);
        if (!template.startsWith("/v1/")) {
            return null;
        }
        return byMethod.computeIfAbsent(method, m -> Timer.builder(NAME)
                .description("Time to answer a GET of the query API, by path template")
                .tag("path", template).publishPercentiles(0.5, 0.95, 0.99).register(metrics));
    }

    private static String template(Class<?> resource, Method method) {
        Path classPath = resource.getAnnotation(Path.class);
        Path methodPath = method.getAnnotation(Path.class);
        return template(classPath == null ? null : classPath.value(), methodPath == null ? null : methodPath.value());
    }

    /** The template of a resource method from its class's and its own {@code @Path} (either may be null). */
    static String template(String classPath, String methodPath) {
        String path = "/" + trim(classPath == null ? "" : classPath);
        String sub = methodPath == null ? "" : trim(methodPath);
        return sub.isEmpty() ? path : (path.endsWith("/") ? path : path + "/") + sub;
    }

    private static String trim(String p) {
        int from = 0, to = p.length();
        while (from < to && p.charAt(from) == '/') {
            from++;
        }
        while (to > from && p.charAt(to - 1) == '/') {
            to--;
        }
        return p.substring(from, to);
    }
}
