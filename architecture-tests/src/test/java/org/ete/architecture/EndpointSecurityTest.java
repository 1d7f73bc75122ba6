package org.ete.architecture;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every JAX-RS resource method of every service (the producers' shared ones in event-kit included) is in
 * docs/authorisation-matrix.tsv with exactly the roles its {@code @RolesAllowed} names (or {@code public} for
 * {@code @PermitAll}), and the matrix lists nothing that does not exist. A new endpoint without a row, or a changed
 * role without its row, fails the build; e2e-tests' AuthorisationMatrixIT then calls every row on the running services.
 */
class EndpointSecurityTest {
    private static final Path ROOT = Path.of(System.getProperty("ete.root.dir", ".."));
    private static final Path MATRIX = ROOT.resolve("docs/authorisation-matrix.tsv");
    private static final List<String> HTTP_METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
    private static final String PRODUCER_KIT = "platform/event-kit";

    /** A service and the module directories whose classes it serves. */
    private static final List<List<String>> SERVICES = List.of(
            List.of("referral-service", "referral-service", PRODUCER_KIT),
            List.of("training-service", "training-service", PRODUCER_KIT),
            List.of("employment-service", "employment-service", PRODUCER_KIT),
            List.of("peer-mentor-service", "peer-mentor-service", PRODUCER_KIT),
            List.of("reoffending-analysis-service", "reoffending-analysis-service"));

    record Row(String service, String method, String path, String roles) {
        @Override
        public String toString() {
            return service + "\t" + method + "\t" + path + "\t" + roles;
        }
    }

    @Test
    void everyResourceMethodHasItsRowAndEveryRowItsMethod() throws IOException {
        Set<String> fromCode = new TreeSet<>();
        List<String> unannotated = new ArrayList<>();
        for (List<String> service : SERVICES) {
            for (String module : service.subList(1, service.size())) {
                Path classes = ROOT.resolve(module).resolve("target/classes");
                assertTrue(Files.isDirectory(classes), classes + " is missing: build the module first");
                JavaClasses imported = new ClassFileImporter().importPath(classes);
                for (JavaClass c : imported) {
                    for (JavaMethod m : c.getMethods()) {
                        Optional<String> verb = HTTP_METHODS.stream()
                                .filter(v -> m.isAnnotatedWith("jakarta.ws.rs." + v)).findFirst();
                        if (verb.isEmpty()) {
                            continue;
                        }
                        String roles = roles(m).or(() -> roles(c)).orElse(null);
                        if (roles == null) {
                            unannotated.add(c.getName() + "." + m.getName());
                            continue;
                        }
                        fromCode.add(new Row(service.get(0), verb.get(), path(c, m), roles).toString());
                    }
                }
            }
        }
        assertEquals(List.of(), unannotated, "resource methods without @RolesAllowed or @PermitAll (they are denied; "
                + "name their roles, and add them to " + MATRIX + ")");
        Set<String> fromMatrix = new TreeSet<>(matrix().stream().map(Row::toString).toList());
        Set<String> missing = new TreeSet<>(fromCode);
        missing.removeAll(fromMatrix);
        Set<String> stale = new TreeSet<>(fromMatrix);
        stale.removeAll(fromCode);
        assertEquals(Set.of(), missing, "endpoints (or their roles) missing from " + MATRIX);
        assertEquals(Set.of(), stale, "rows of " + MATRIX + " that no resource method has (or with other roles)");
        assertTrue(fromCode.size() >= 25, "too few endpoints found: " + fromCode);
    }

    static List<Row> matrix() throws IOException {
        try (Stream<String> lines = Files.lines(MATRIX)) {
            return lines.filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> {
                String[] f = l.split("\t");
                assertEquals(4, f.length, "a matrix row is service, method, path, roles separated by tabs: " + l);
                return new Row(f[0], f[1], f[2], f[3]);
            }).toList();
        }
    }

    private static Optional<String> roles(com.tngtech.archunit.core.domain.properties.CanBeAnnotated element) {
        if (element.isAnnotatedWith("jakarta.annotation.security.PermitAll")) {
            return Optional.of("public");
        }
        if (element.isAnnotatedWith("jakarta.annotation.security.DenyAll")) {
            return Optional.of("none");
        }
        return annotation(element, "jakarta.annotation.security.RolesAllowed")
                .flatMap(a -> a.get("value"))
                .map(v -> Arrays.stream((Object[]) v).map(String::valueOf).sorted().collect(Collectors.joining(",")));
    }

    private static String path(JavaClass c, JavaMethod m) {
        String base = annotation(c, "jakarta.ws.rs.Path").flatMap(a -> a.get("value")).map(String::valueOf).orElse("");
        String sub = annotation(m, "jakarta.ws.rs.Path").flatMap(a -> a.get("value")).map(String::valueOf).orElse("");
        String joined = ("/" + base + "/" + sub).replaceAll("/+", "/");
        joined = joined.replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    @SuppressWarnings("unchecked")
    private static Optional<JavaAnnotation<?>> annotation(Object element, String type) {
        if (element instanceof JavaClass c) {
            return c.tryGetAnnotationOfType(type).map(a -> (JavaAnnotation<?>) a);
        }
        return ((JavaMethod) element).tryGetAnnotationOfType(type).map(a -> (JavaAnnotation<?>) a);
    }
}
