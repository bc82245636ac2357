package dev.books.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every architecture rule fails on {@code archfixture}, a set of classes in the test sources that break each rule
 * on purpose: a rule that passes here would be matching nothing.
 */
class ArchitectureRulesBiteTest {

    private static JavaClasses violations;

    @BeforeAll
    static void importTheViolations() {
        violations = new ClassFileImporter().importPackages("archfixture");
    }

    static Stream<ArchRule> rules() {
        return new ArchitectureRules("archfixture").all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void the_rule_reports_the_planted_violation(ArchRule rule) {
        EvaluationResult result = rule.evaluate(violations);

        assertThat(result.hasViolation()).as("violations of: %s", rule.getDescription()).isTrue();
    }

    @Test
    void every_adapter_is_held_apart_from_the_others_even_one_no_rule_names_but_not_from_the_shared_json_binding() {
        EvaluationResult result = new ArchitectureRules("archfixture").adaptersDoNotKnowEachOther()
                .evaluate(violations);

        List<String> details = result.getFailureReport().getDetails();
        assertThat(details).anyMatch(line -> line.contains("LeakyController") && line.contains("LeakyRepository"));
        assertThat(details).anyMatch(line -> line.contains("LeakyCommand") && line.contains("LeakyRepository"));
        assertThat(details).anyMatch(line -> line.contains("LeakyConsumer") && line.contains("LeakyController"));
        assertThat(details).noneMatch(line -> line.contains("archfixture.json"));
    }

    @Test
    void the_domain_may_use_the_unicode_normaliser_but_nothing_else_of_java_text() {
        EvaluationResult result = new ArchitectureRules("archfixture").domainDependsOnlyOnItselfAndTheJdkCore()
                .evaluate(violations);

        List<String> details = result.getFailureReport().getDetails();
        assertThat(details).anyMatch(line -> line.contains("java.text.DateFormat"));
        assertThat(details).noneMatch(line -> line.contains("java.text.Normalizer"));
        assertThat(details).noneMatch(line -> line.contains("NormalisedTitle"));
    }
}
