package dev.books.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The dependency rule holds for the product's classes (every module's, imported from the test class path). */
class ArchitectureTest {

    private static JavaClasses product;

    @BeforeAll
    static void importTheProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.books");
    }

    static Stream<ArchRule> rules() {
        return new ArchitectureRules("dev.books").all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void the_product_follows_the_rule(ArchRule rule) {
        rule.check(product);
    }

    @ParameterizedTest(name = "classes of {0} were imported")
    @ValueSource(strings = {
        "dev.books.domain", "dev.books.application", "dev.books.access", "dev.books.testkit", "dev.books.json",
        "dev.books.adapter.postgres", "dev.books.adapter.http", "dev.books.adapter.cli", "dev.books.bootstrap"})
    void every_module_is_under_test(String module) {
        assertThat(product.stream().filter(type -> type.getPackageName().startsWith(module)))
                .as("classes imported from %s", module)
                .hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void the_known_cornerstones_are_among_the_imported_classes() {
        assertThat(product.contain("dev.books.domain.Book")).isTrue();
        assertThat(product.contain("dev.books.domain.BookRepository")).isTrue();
        assertThat(product.contain("dev.books.application.BookUseCases")).isTrue();
        assertThat(product.contain("dev.books.access.ApiKeys")).isTrue();
        assertThat(product.contain("dev.books.adapter.http.HttpApi")).isTrue();
        assertThat(product.contain("dev.books.adapter.postgres.PostgresDatabase")).isTrue();
        assertThat(product.contain("dev.books.adapter.cli.ImportCommand")).isTrue();
        assertThat(product.contain("dev.books.bootstrap.Main")).isTrue();
    }
}
