package org.ete.analysis.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.ete.analysis.http.CsvTable;
import org.ete.servicekit.problem.Problem;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.security.Principal;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Audits every read of the analysis API: each {@code GET /v1/...}, JSON or CSV, successful or not (the audit
 * endpoint's own reads included) is appended to the {@link AuditLog} after the resource has answered and before the
 * answer is written, with who (the principal's name, {@code anonymous} without one), when, which query (path and
 * query parameters), the status and how many rows the answer holds. A read that cannot be audited is not served: if
 * the append fails, the answer is replaced by a 503 problem ({@code audit-unavailable}) and no figure leaves.
 * <p>
 * Rows: the data rows of the answer, as its CSV export has them: a CSV table's rows; in JSON, the elements of every
 * {@code rows} table in it (a list answer: its items or {@code entries}); 1 for an answer with figures but no table; 0 for a problem.
 */
@Singleton
public class AuditFilter {
    private static final Logger LOG = Logger.getLogger(AuditFilter.class);
    static final String ANONYMOUS = "anonymous";

    private final AuditLog log;
    private final ObjectMapper json;

    AuditFilter(AuditLog log, ObjectMapper json) {
        this.log = log;
        this.json = json;
    }

    @ServerResponseFilter
    public Uni<Void> audit(ContainerRequestContext request, ContainerResponseContext response) {
        if (!"GET".equals(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/v1/")) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> write = Uni.createFrom().item(() -> {
            record(request, response);
            return null;
        });
        // MongoDB's driver blocks: off the event loop if the answer is being completed there (e.g. a 404 of no resource).
        return io.vertx.core.Context.isOnEventLoopThread()
                ? write.runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).replaceWithVoid()
                : write.replaceWithVoid();
    }

    private void record(ContainerRequestContext request, ContainerResponseContext response) {
        Map<String, List<String>> query = new LinkedHashMap<>(request.getUriInfo().getQueryParameters());
        try {
            log.append(Instant.now(), principal(request), request.getMethod(), request.getUriInfo().getPath(), query,
                    response.getStatus(), rows(response));
        } catch (RuntimeException e) {
            LOG.errorf("A read of %s could not be audited; answering 503: %s", request.getUriInfo().getPath(),
                    e.toString());
            response.getHeaders().remove(HttpHeaders.CONTENT_DISPOSITION);
            response.setStatus(503);
            response.setEntity(Problem.of(503, "audit-unavailable", "Service Unavailable",
                    "The read could not be recorded in the audit log, so it is not answered; try again later"),
                    null, MediaType.valueOf(Problem.MEDIA_TYPE));
        }
    }

    static String principal(ContainerRequestContext request) {
        Principal p = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
        return p == null || p.getName() == null || p.getName().isBlank() ? ANONYMOUS : p.getName();
    }

    long rows(ContainerResponseContext response) {
        Object entity = response.getEntity();
        if (entity == null || entity instanceof Problem || response.getStatus() >= 300) {
            return 0;
        }
        if (entity instanceof CsvTable t) {
            return t.rows().size();
        }
        if (entity instanceof Collection<?> c) {
            return c.size();
        }
        if (entity instanceof String || entity instanceof byte[]) {
            return 1;
        }
        try {
            JsonNode tree = json.valueToTree(entity);
            if (tree.isArray()) {
                return tree.size();
            }
            long rows = tableRows(tree);
            return rows > 0 ? rows : 1;
        } catch (IllegalArgumentException e) {
            return 1;
        }
    }

    /** The elements of every {@code rows} (or, for a listing, {@code entries}) array in {@code node}, at any depth. */
    static long tableRows(JsonNode node) {
        long n = 0;
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if ((f.getKey().equals("rows") || f.getKey().equals("entries")) && f.getValue().isArray()) {
                    n += f.getValue().size();
                } else {
                    n += tableRows(f.getValue());
                }
            }
        } else if (node.isArray()) {
            for (JsonNode e : node) {
                n += tableRows(e);
            }
        }
        return n;
    }
}
