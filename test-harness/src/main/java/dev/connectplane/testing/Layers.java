package dev.connectplane.testing;

import static com.tngtech.archunit.base.DescribedPredicate.and;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The layers of a service, as rules a test checks on its compiled classes (ArchUnit): resources
 * ({@code rest}) go through services, never repositories; no SQL (the plain reactive client,
 * native queries on a session) in resources, services, consumers or mappers: it lives in
 * repositories; nothing below reaches up (a repository into a service or a resource, a service
 * into a resource).
 */
public final class Layers {

    /**
     * The packages that must not hold SQL. A service's special-purpose packages (token-service's
     * `introspection` hot path and `keys`) still read their own tables with the plain client.
     */
    private static final String[] ROLES = {"..rest..", "..service..", "..messaging..", "..mapping.."};

    private Layers() {
    }

    /** The rules every service's classes keep. */
    public static List<ArchRule> rules() {
        return List.of(
                noClasses().that().resideInAPackage("..rest..")
                        .should().dependOnClassesThat(and(resideInAPackage("..repository.."), simpleNameEndingWith("Repository")))
                        .because("resources go through services; only services use repositories"),
                noClasses().that().resideInAnyPackage(ROLES)
                        .should().dependOnClassesThat(resideInAnyPackage("io.vertx.mutiny.sqlclient..", "io.vertx.mutiny.pgclient..",
                                "io.vertx.sqlclient..", "io.vertx.pgclient.."))
                        .because("SQL lives in repositories"),
                noClasses().that().resideInAnyPackage(ROLES)
                        .should().callMethodWhere(target(name("createNativeQuery")))
                        .because("SQL lives in repositories"),
                noClasses().that().resideInAPackage("..repository..")
                        .should().dependOnClassesThat(resideInAnyPackage("..service..", "..rest..", "..messaging.."))
                        .because("a repository knows nothing of who uses it"),
                noClasses().that().resideInAPackage("..service..")
                        .should().dependOnClassesThat(resideInAPackage("..rest.."))
                        .because("services are called by resources and consumers, and know neither"));
    }

    /** Checks every rule against the main classes under the package; fails naming each violation. */
    public static void check(String basePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        rules().forEach(rule -> rule.check(classes));
    }
}
