package org.example.bookshelf.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.books.archrules.Hexagon;
import dev.books.archrules.HexagonRules;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our code keeps to the hexagon, by the rules Books publishes ({@code books-archrules}): the Books core is the
 * inside, each package under {@code adapter} is one adapter, {@code app} is the wiring. The core's own packages are
 * imported too, so that its rules check something.
 */
class ArchitectureTest {

    private static final String ROOT = "org.example.bookshelf";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT, Hexagon.BOOKS_DOMAIN, Hexagon.BOOKS_APPLICATION);

    static Stream<ArchRule> rules() {
        return new HexagonRules(Hexagon.embedding(ROOT)).all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void our_code_follows_the_rule(ArchRule rule) {
        rule.check(CLASSES);
    }
}
