package org.ete.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shape DESIGN.md promises, checked on every module's compiled main classes (this module depends on the others
 * only for reactor order and reads their {@code target/classes}):
 * <ul>
 *   <li>no package depends on a package that depends on it, at any depth and in any module (each package is a slice,
 *       so a cycle between {@code x} and {@code x.api} counts as much as one between two features);</li>
 *   <li>each module reaches only what is below it: tokens and contracts nothing of ours, service-kit only tokens, event-kit
 *       no service, a producing service no other service, and the analysis service no producer code at all
 *       (neither event-kit nor a producing service);</li>
 *   <li>no service builds a Kafka client itself: every producer, consumer and admin client comes from service-kit's
 *       factory, so the cluster's {@code kafka.*} settings (security included) reach all of them.</li>
 * </ul>
 */
class ArchitectureTest {
    private static final Path ROOT = Path.of(System.getProperty("ete.root.dir", ".."));

    /** Module directory, and the packages of ours that it must not reach. */
    enum Module {
        TOKENS("platform/tokens", "contracts", "servicekit", "eventkit", "testsupport", "referral", "training", "employment",
                "peermentor", "analysis", "simulator"),
        CONTRACTS("platform/contracts", "tokens", "servicekit", "eventkit", "testsupport", "referral", "training", "employment",
                "peermentor", "analysis"),
        SERVICE_KIT("platform/service-kit", "contracts", "eventkit", "testsupport", "referral", "training", "employment",
                "peermentor", "analysis"),
        EVENT_KIT("platform/event-kit", "testsupport", "referral", "training", "employment", "peermentor", "analysis"),
        TEST_SUPPORT("platform/test-support", "eventkit", "referral", "training", "employment", "peermentor", "analysis"),
        REFERRAL("referral-service", "training", "employment", "peermentor", "analysis", "testsupport"),
        TRAINING("training-service", "referral", "employment", "peermentor", "analysis", "testsupport"),
        EMPLOYMENT("employment-service", "referral", "training", "peermentor", "analysis", "testsupport"),
        PEER_MENTOR("peer-mentor-service", "referral", "training", "employment", "analysis", "testsupport"),
        ANALYSIS("reoffending-analysis-service", "eventkit", "referral", "training", "employment", "peermentor",
                "testsupport"),
        SIMULATOR("tools/simulator", "servicekit", "eventkit", "referral", "training", "employment", "peermentor",
                "analysis");

        final String dir;
        final List<String> forbidden;

        Module(String dir, String... forbidden) {
            this.dir = dir;
            this.forbidden = Arrays.stream(forbidden).map(p -> "org.ete." + p + "..").toList();
        }

        JavaClasses classes() {
            Path classes = ROOT.resolve(dir).resolve("target/classes");
            assertTrue(Files.isDirectory(classes), classes + " is missing: build the module first");
            return new ClassFileImporter().importPath(classes);
        }
    }

    /** The five services: the modules whose running code talks to Kafka. */
    private static final List<Module> SERVICES = List.of(Module.REFERRAL, Module.TRAINING, Module.EMPLOYMENT,
            Module.PEER_MENTOR, Module.ANALYSIS);

    static Stream<Module> modules() {
        return Stream.of(Module.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void noPackageCycles(Module module) {
        slices().matching("org.ete.(**)").should().beFreeOfCycles().allowEmptyShould(true).check(module.classes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void reachesOnlyWhatIsBelowIt(Module module) {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(module.forbidden.toArray(String[]::new))
                .allowEmptyShould(true).check(module.classes());
    }

    static Stream<Arguments> kafkaModules() {
        return Stream.concat(SERVICES.stream(), Stream.of(Module.EVENT_KIT, Module.SERVICE_KIT)).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kafkaModules")
    void kafkaClientsComeFromTheFactoryOnly(Module module) {
        classes().that().resideOutsideOfPackage("org.ete.servicekit.kafka").should(notBuildKafkaClients())
                .allowEmptyShould(true).check(module.classes());
    }

    @Test
    void theFactoryIsWhereKafkaClientsAreBuilt() {
        // The rule above would pass vacuously if the factory moved: it must still be the one place that builds them.
        JavaClasses kit = Module.SERVICE_KIT.classes();
        JavaClass factory = kit.get("org.ete.servicekit.kafka.KafkaClients");
        assertTrue(factory.getCodeUnitAccessesFromSelf().stream().anyMatch(ArchitectureTest::buildsAKafkaClient),
                "KafkaClients builds the clients");
    }

    private static final Set<String> CLIENT_CLASSES = Set.of("org.apache.kafka.clients.producer.KafkaProducer",
            "org.apache.kafka.clients.consumer.KafkaConsumer");
    private static final Set<String> ADMIN_CLASSES = Set.of("org.apache.kafka.clients.admin.Admin",
            "org.apache.kafka.clients.admin.AdminClient");

    /** A constructor call or reference ({@code KafkaProducer::new}) of a client, or {@code Admin.create}. */
    private static boolean buildsAKafkaClient(JavaCodeUnitAccess<?> access) {
        String owner = access.getTargetOwner().getName();
        return access.getName().equals("<init>") ? CLIENT_CLASSES.contains(owner)
                : ADMIN_CLASSES.contains(owner) && access.getName().equals("create");
    }

    private static ArchCondition<JavaClass> notBuildKafkaClients() {
        return new ArchCondition<>("not build a Kafka client (use org.ete.servicekit.kafka.KafkaClients)") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaCodeUnitAccess<?> call : item.getCodeUnitAccessesFromSelf()) {
                    if (buildsAKafkaClient(call)) {
                        events.add(SimpleConditionEvent.violated(item, call.getDescription()));
                    }
                }
            }
        };
    }
}
