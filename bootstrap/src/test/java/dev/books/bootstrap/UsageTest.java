package dev.books.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class UsageTest {

    @Test
    void every_setting_the_usage_names_is_one_the_configuration_reads() {
        Matcher names = Pattern.compile("BOOKS_[A-Z_]+").matcher(Usage.TEXT);
        Map<String, String> environment = names.results().map(match -> match.group())
                .collect(Collectors.toMap(Function.identity(), name -> "", (a, b) -> a));

        assertThat(environment).hasSizeGreaterThanOrEqualTo(10);
        assertThat(Settings.read(environment).unknownSettings()).isEmpty();
    }

    @Test
    void names_every_command_and_exit_status() {
        assertThat(Usage.TEXT).contains("serve", "migrate", "import [--strict] FILE", "export [FILE]", "--help")
                .contains("  0  done", "  1  failure", "  2  usage", "  3  import input refused");
    }

    @Test
    void fits_an_eighty_column_terminal() {
        assertThat(Usage.TEXT.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80));
    }
}
