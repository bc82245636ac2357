package dev.books.bootstrap.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.text.Normalizer;
import java.util.List;

/**
 * The dependency rule of Books as ArchUnit rules, over a root package: {@code dev.books} for the product, and a
 * deliberately violating fixture package to prove that each rule bites.
 */
final class ArchitectureRules {

    /** The plain core of the JDK that the inner rings may use: no java.sql, java.net, javax or jakarta. */
    private static final String[] JDK_CORE = {
        "java.lang..", "java.util..", "java.time..", "java.math..", "java.security..", "java.nio", "java.nio.charset.."
    };

    private final String root;

    ArchitectureRules(String root) {
        this.root = root;
    }

    private String domain() {
        return root + ".domain..";
    }

    private String application() {
        return root + ".application..";
    }

    private String httpAdapter() {
        return root + ".adapter.http..";
    }

    private String postgresAdapter() {
        return root + ".adapter.postgres..";
    }

    private String cliAdapter() {
        return root + ".adapter.cli..";
    }

    private String adapters() {
        return root + ".adapter..";
    }

    private String bootstrap() {
        return root + ".bootstrap..";
    }

    private String access() {
        return root + ".access..";
    }

    private String jsonBinding() {
        return root + ".json..";
    }

    /**
     * Besides the JDK core, the domain may use {@link Normalizer} (and its {@code Form}), the JDK's Unicode
     * normalisation: the text rules store text composed (NFC) and compare it in compatibility form (NFKC, ADR 0009),
     * and that must be the same function in every store. Only that class: the rest of {@code java.text} formats and
     * parses by locale, which the domain must not depend on.
     */
    ArchRule domainDependsOnlyOnItselfAndTheJdkCore() {
        return classes().that().resideInAPackage(domain())
                .should().onlyDependOnClassesThat(
                        resideInAnyPackage(with(domain())).or(belongToAnyOf(Normalizer.class)))
                .as("the domain depends only on itself, the plain core of the JDK and its Unicode normaliser");
    }

    ArchRule applicationDependsOnlyOnTheDomainAndTheJdkCore() {
        return classes().that().resideInAPackage(application())
                .should().onlyDependOnClassesThat().resideInAnyPackage(with(application(), domain()))
                .as("the application depends only on the domain and the plain core of the JDK");
    }

    /**
     * Access control (API keys, scopes, principals) is core, as the use cases are: it knows the domain (to name who
     * made a change) and the JDK core, nothing of HTTP, SQL or the use cases, so both driving and driven adapters
     * may use it.
     */
    ArchRule accessDependsOnlyOnTheDomainAndTheJdkCore() {
        return classes().that().resideInAPackage(access())
                .should().onlyDependOnClassesThat().resideInAnyPackage(with(access(), domain()))
                .as("access control depends only on the domain and the plain core of the JDK");
    }

    /**
     * One slice per package under {@code adapter} (postgres, http, cli, and any adapter added later), none depending
     * on another. Code two adapters share lives outside {@code adapter}: the JSON binding of a book's fields, used by
     * both the HTTP and the command-line adapter, is the module {@code dev.books.json}, which is not an adapter and
     * so is not a slice here.
     */
    ArchRule adaptersDoNotKnowEachOther() {
        return slices().matching(root + ".adapter.(*)..").should().notDependOnEachOther()
                .as("adapters do not know each other");
    }

    /**
     * The JSON binding of a book's fields is shared by the HTTP and command-line adapters, so it may know only what
     * both may know: the core, and Jackson's streaming parser.
     */
    ArchRule jsonBindingKnowsOnlyTheCoreAndJacksonCore() {
        return classes().that().resideInAPackage(jsonBinding())
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        with(jsonBinding(), application(), domain(), "com.fasterxml.jackson.core..", "java.io"))
                .as("the shared JSON binding depends only on the core, Jackson's streaming parser and the JDK core");
    }

    /**
     * The HTTP adapter in parts, one package each: the book endpoints, operations, the edge, security, the problems,
     * the exchange. The parts share only the problems (every error response is written in one place) and the
     * exchange (what every part knows of a request: its id, its principal); the root package wires them.
     */
    ArchRule httpAdapterPartsShareOnlyTheProblemsAndTheExchange() {
        return slices().matching(root + ".adapter.http.(*)..").should().notDependOnEachOther()
                .ignoreDependency(DescribedPredicate.alwaysTrue(), JavaClass.Predicates.resideInAnyPackage(
                        root + ".adapter.http.problem..", root + ".adapter.http.exchange.."))
                .as("the parts of the HTTP adapter share only its problem responses and what they know of a request");
    }

    ArchRule adaptersDoNotKnowTheBootstrap() {
        return noClasses().that().resideInAPackage(adapters())
                .should().dependOnClassesThat().resideInAPackage(bootstrap())
                .as("adapters do not know the bootstrap");
    }

    ArchRule postgresAdapterDoesNotKnowTheUseCases() {
        return noClasses().that().resideInAPackage(postgresAdapter())
                .should().dependOnClassesThat().resideInAPackage(application())
                .as("the PostgreSQL adapter does not know the use cases: it implements domain ports");
    }

    /**
     * The application's public surface is its ports and {@code Change} (interfaces), its commands and results
     * (records) and the {@code BookUseCases} factory; every other class is an implementation detail.
     */
    ArchRule adaptersUseOnlyThePublicSurfaceOfTheApplication() {
        DescribedPredicate<JavaClass> implementation = DescribedPredicate.describe("application implementation classes",
                used -> {
                    JavaClass type = used.getBaseComponentType(); // an array of a port is a use of the port
                    return type.getPackageName().startsWith(root + ".application")
                            && !type.isInterface()
                            && !type.getRawSuperclass().map(superclass -> superclass.isEquivalentTo(Record.class))
                                    .orElse(false)
                            && !type.getSimpleName().endsWith("UseCases");
                });
        return noClasses().that().resideInAnyPackage(adapters(), jsonBinding())
                .should().dependOnClassesThat(implementation)
                .as("adapters (and the JSON binding they share) reach the application only through its ports, commands,"
                        + " results and factory");
    }

    ArchRule httpAdapterNeverTouchesTheDatabase() {
        return noClasses().that().resideInAPackage(httpAdapter())
                .should().dependOnClassesThat().resideInAnyPackage(
                        "java.sql..", "javax.sql..", "org.jdbi..", "com.zaxxer..", "org.postgresql..", "org.flywaydb..")
                .as("the HTTP adapter never touches JDBI, JDBC or the database");
    }

    ArchRule cliAdapterNeverTouchesTheDatabaseOrHttp() {
        return noClasses().that().resideInAPackage(cliAdapter())
                .should().dependOnClassesThat().resideInAnyPackage(
                        "java.sql..", "javax.sql..", "org.jdbi..", "com.zaxxer..", "org.postgresql..", "org.flywaydb..",
                        "io.javalin..", "org.eclipse.jetty..", "jakarta..")
                .as("the command-line adapter never touches the database or HTTP: it drives the use cases");
    }

    ArchRule postgresAdapterNeverTouchesHttp() {
        return noClasses().that().resideInAPackage(postgresAdapter())
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.javalin..", "org.eclipse.jetty..", "com.fasterxml..", "jakarta..")
                .as("the PostgreSQL adapter never touches HTTP, JSON or Bean Validation");
    }

    ArchRule noPackageCycles() {
        return slices().matching(root + ".(**)").should().beFreeOfCycles()
                .as("no package cycles");
    }

    List<ArchRule> all() {
        return List.of(
                domainDependsOnlyOnItselfAndTheJdkCore(),
                applicationDependsOnlyOnTheDomainAndTheJdkCore(),
                accessDependsOnlyOnTheDomainAndTheJdkCore(),
                adaptersDoNotKnowEachOther(),
                jsonBindingKnowsOnlyTheCoreAndJacksonCore(),
                httpAdapterPartsShareOnlyTheProblemsAndTheExchange(),
                adaptersDoNotKnowTheBootstrap(),
                postgresAdapterDoesNotKnowTheUseCases(),
                adaptersUseOnlyThePublicSurfaceOfTheApplication(),
                httpAdapterNeverTouchesTheDatabase(),
                cliAdapterNeverTouchesTheDatabaseOrHttp(),
                postgresAdapterNeverTouchesHttp(),
                noPackageCycles());
    }

    private static String[] with(String... own) {
        String[] packages = new String[own.length + JDK_CORE.length];
        System.arraycopy(own, 0, packages, 0, own.length);
        System.arraycopy(JDK_CORE, 0, packages, own.length, JDK_CORE.length);
        return packages;
    }
}
