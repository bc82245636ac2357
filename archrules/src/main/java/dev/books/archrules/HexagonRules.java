package dev.books.archrules;

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
import java.util.Objects;

/**
 * The dependency rule of a hexagon as ArchUnit rules, over the packages a {@link Hexagon} names: the core depends
 * on nothing outward, adapters know neither each other nor the wiring, the use cases are reached only through their
 * published surface, and no package depends on itself in a circle.
 * <pre>{@code
 * @ParameterizedTest
 * @MethodSource("rules")
 * void follows(ArchRule rule) {
 *     rule.check(new ClassFileImporter().importPackages("org.example.shelf", "dev.books"));
 * }
 * static Stream<ArchRule> rules() {
 *     return new HexagonRules(Hexagon.embedding("org.example.shelf")).all().stream();
 * }
 * }</pre>
 * Import the core's packages too: a rule that matches no class fails, as it should (it would check nothing).
 */
public final class HexagonRules {

    /** The plain core of the JDK that the inner rings may use: no java.sql, java.net, javax or jakarta. */
    public static final List<String> JDK_CORE = List.of(
            "java.lang..", "java.util..", "java.time..", "java.math..", "java.security..", "java.nio",
            "java.nio.charset..");

    private final Hexagon hexagon;

    public HexagonRules(Hexagon hexagon) {
        this.hexagon = Objects.requireNonNull(hexagon, "hexagon");
    }

    /**
     * The domain depends only on itself and the plain core of the JDK; of {@code java.text}, only on
     * {@link Normalizer} (and its {@code Form}), the JDK's Unicode normalisation: text must be normalised by the same
     * function in every store (the Books domain stores text composed and compares it in compatibility form). The rest
     * of {@code java.text} formats and parses by locale, which a domain must not depend on.
     */
    public ArchRule domainDependsOnlyOnItselfAndTheJdkCore() {
        return classes().that().resideInAPackage(inside(hexagon.domain()))
                .should().onlyDependOnClassesThat(
                        resideInAnyPackage(withJdkCore(inside(hexagon.domain()))).or(belongToAnyOf(Normalizer.class)))
                .as("the domain depends only on itself, the plain core of the JDK and its Unicode normaliser");
    }

    /** The use cases depend only on the domain and the plain core of the JDK. */
    public ArchRule applicationDependsOnlyOnTheDomainAndTheJdkCore() {
        return classes().that().resideInAPackage(inside(hexagon.application()))
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        withJdkCore(inside(hexagon.application()), inside(hexagon.domain())))
                .as("the application depends only on the domain and the plain core of the JDK");
    }

    /**
     * One slice per package under the adapters' package, none depending on another: an adapter added later is held
     * to it too. Code that two adapters share lives outside the adapters' package.
     */
    public ArchRule adaptersDoNotKnowEachOther() {
        return slices().matching(hexagon.adapters() + ".(*)..").should().notDependOnEachOther()
                .as("adapters do not know each other");
    }

    /** Only the wiring knows everything; an adapter never reaches back into it. */
    public ArchRule adaptersDoNotKnowTheWiring() {
        return noClasses().that().resideInAPackage(inside(hexagon.adapters()))
                .should().dependOnClassesThat().resideInAPackage(inside(hexagon.wiring()))
                .as("adapters do not know the wiring");
    }

    /**
     * The application's published surface is its ports (interfaces), its commands and results (records) and its
     * factories (named {@code *UseCases}); every other class in it is an implementation detail that no class outside
     * the core may use. An array of a port is a use of the port.
     */
    public ArchRule onlyTheCoreUsesTheApplicationsImplementations() {
        DescribedPredicate<JavaClass> implementation = DescribedPredicate.describe(
                "application implementation classes", used -> isImplementation(used.getBaseComponentType()));
        return noClasses().that().resideOutsideOfPackages(inside(hexagon.domain()), inside(hexagon.application()))
                .should().dependOnClassesThat(implementation)
                .as("code outside the core reaches the application only through its ports, commands, results and"
                        + " factories");
    }

    /** No cycles between the packages below the root. */
    public ArchRule noPackageCycles() {
        return slices().matching(hexagon.root() + ".(**)").should().beFreeOfCycles()
                .as("no package cycles");
    }

    /** Every rule above. */
    public List<ArchRule> all() {
        return List.of(
                domainDependsOnlyOnItselfAndTheJdkCore(),
                applicationDependsOnlyOnTheDomainAndTheJdkCore(),
                adaptersDoNotKnowEachOther(),
                adaptersDoNotKnowTheWiring(),
                onlyTheCoreUsesTheApplicationsImplementations(),
                noPackageCycles());
    }

    private boolean isImplementation(JavaClass type) {
        String name = type.getPackageName();
        return (name.equals(hexagon.application()) || name.startsWith(hexagon.application() + "."))
                && !type.isInterface()
                && !type.getRawSuperclass().map(superclass -> superclass.isEquivalentTo(Record.class)).orElse(false)
                && !type.getSimpleName().endsWith("UseCases");
    }

    /** ArchUnit's pattern for a package and its sub-packages. */
    private static String inside(String name) {
        return name + "..";
    }

    /** The given package patterns and the JDK core, as one array for ArchUnit. */
    public static String[] withJdkCore(String... packages) {
        String[] all = new String[packages.length + JDK_CORE.size()];
        System.arraycopy(packages, 0, all, 0, packages.length);
        for (int i = 0; i < JDK_CORE.size(); i++) {
            all[packages.length + i] = JDK_CORE.get(i);
        }
        return all;
    }
}
