package dev.books.archrules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layouts, and the rules of an embedder's hexagon biting on {@code shelf}, a fixture whose adapters break them
 * (the Books layout's rules bite on bootstrap's fixture, in its ArchitectureRulesBiteTest).
 */
class HexagonRulesTest {

    private static final JavaClasses SHELF = new ClassFileImporter().importPackages("shelf");
    private static final HexagonRules RULES = new HexagonRules(Hexagon.embedding("shelf"));

    @Test
    void the_books_layout_names_its_rings_under_the_root() {
        assertThat(Hexagon.of("dev.books")).isEqualTo(new Hexagon("dev.books", "dev.books.domain",
                "dev.books.application", "dev.books.adapter", "dev.books.bootstrap"));
    }

    @Test
    void an_embedder_keeps_the_books_core_and_names_its_own_adapters_and_wiring() {
        assertThat(Hexagon.embedding("org.example.shelf")).isEqualTo(new Hexagon("org.example.shelf",
                "dev.books.domain", "dev.books.application", "org.example.shelf.adapter", "org.example.shelf.app"));
    }

    @Test
    void a_package_name_is_required_for_every_ring() {
        assertThatIllegalArgumentException().isThrownBy(() -> Hexagon.of(""));
        assertThatIllegalArgumentException().isThrownBy(() -> Hexagon.of("org.example."));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Hexagon("a", "a.domain", "a..application", "a.adapter", "a.app"));
    }

    @Test
    void an_adapter_that_reaches_into_the_wiring_breaks_the_rule_and_the_wiring_itself_does_not() {
        List<String> details = details(RULES.adaptersDoNotKnowTheWiring().evaluate(SHELF));

        assertThat(details).anyMatch(line -> line.contains("SqliteShelf") && line.contains("shelf.app.Main"));
        assertThat(details).noneMatch(line -> line.startsWith("Field <shelf.app.Main"));
    }

    @Test
    void an_adapter_that_knows_another_breaks_the_rule() {
        List<String> details = details(RULES.adaptersDoNotKnowEachOther().evaluate(SHELF));

        assertThat(details).anyMatch(line -> line.contains("ShelfRoutes") && line.contains("SqliteShelf"));
    }

    @Test
    void a_cycle_through_the_wiring_is_a_package_cycle() {
        assertThat(RULES.noPackageCycles().evaluate(SHELF).hasViolation()).isTrue();
    }

    private static List<String> details(EvaluationResult result) {
        assertThat(result.hasViolation()).isTrue();
        return result.getFailureReport().getDetails();
    }
}
