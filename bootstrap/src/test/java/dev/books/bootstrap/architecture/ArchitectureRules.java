package dev.books.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import dev.books.archrules.Hexagon;
import dev.books.archrules.HexagonRules;
import java.util.List;

/**
 * The dependency rule of Books as ArchUnit rules, over a root package: {@code dev.books} for the product, and a
 * deliberately violating fixture package to prove that each rule bites. The rules every hexagon has are the
 * published ones of {@code books-archrules} ({@link HexagonRules}, which embedders run too); the rules about Books'
 * own adapters and their technologies are here.
 */
final class ArchitectureRules {

    private final String root;
    private final HexagonRules hexagon;

    ArchitectureRules(String root) {
        this.root = root;
        this.hexagon = new HexagonRules(Hexagon.of(root));
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

    private String access() {
        return root + ".access..";
    }

    private String jsonBinding() {
        return root + ".json..";
    }

    /**
     * Besides the JDK core, the domain may use {@code java.text.Normalizer}, the JDK's Unicode normalisation: the text
     * rules store text composed (NFC) and compare it in compatibility form (NFKC, ADR 0009), and that must be the same
     * function in every store.
     */
    ArchRule domainDependsOnlyOnItselfAndTheJdkCore() {
        return hexagon.domainDependsOnlyOnItselfAndTheJdkCore();
    }

    ArchRule applicationDependsOnlyOnTheDomainAndTheJdkCore() {
        return hexagon.applicationDependsOnlyOnTheDomainAndTheJdkCore();
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
        return hexagon.adaptersDoNotKnowEachOther();
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

    /** The bootstrap is the wiring of {@link Hexagon#of}. */
    ArchRule adaptersDoNotKnowTheBootstrap() {
        return hexagon.adaptersDoNotKnowTheWiring();
    }

    ArchRule postgresAdapterDoesNotKnowTheUseCases() {
        return noClasses().that().resideInAPackage(postgresAdapter())
                .should().dependOnClassesThat().resideInAPackage(application())
                .as("the PostgreSQL adapter does not know the use cases: it implements domain ports");
    }

    /**
     * The application's public surface is its ports and {@code Change} (interfaces), its commands and results
     * (records) and the {@code *UseCases} factories; every other class is an implementation detail, which nothing
     * outside the core uses: not the adapters, not the JSON binding they share, not the bootstrap.
     */
    ArchRule adaptersUseOnlyThePublicSurfaceOfTheApplication() {
        return hexagon.onlyTheCoreUsesTheApplicationsImplementations();
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
        return hexagon.noPackageCycles();
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

    /** The given packages and the plain core of the JDK that the inner rings may use. */
    private static String[] with(String... own) {
        return HexagonRules.withJdkCore(own);
    }
}
