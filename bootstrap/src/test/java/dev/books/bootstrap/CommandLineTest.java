package dev.books.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.access.Scope;
import dev.books.bootstrap.CommandLine.CreateKey;
import dev.books.bootstrap.CommandLine.Export;
import dev.books.bootstrap.CommandLine.Help;
import dev.books.bootstrap.CommandLine.Import;
import dev.books.bootstrap.CommandLine.ListKeys;
import dev.books.bootstrap.CommandLine.Migrate;
import dev.books.bootstrap.CommandLine.RevokeKey;
import dev.books.bootstrap.CommandLine.Serve;
import dev.books.bootstrap.CommandLine.UsageException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void no_arguments_or_serve_serve() {
        assertThat(CommandLine.parse()).isEqualTo(new Serve());
        assertThat(CommandLine.parse("serve")).isEqualTo(new Serve());
    }

    @Test
    void migrate_migrates() {
        assertThat(CommandLine.parse("migrate")).isEqualTo(new Migrate());
    }

    @Test
    void import_takes_one_file_and_strict_before_or_after_it() {
        assertThat(CommandLine.parse("import", "books.ndjson")).isEqualTo(new Import("books.ndjson", false));
        assertThat(CommandLine.parse("import", "--strict", "books.json")).isEqualTo(new Import("books.json", true));
        assertThat(CommandLine.parse("import", "-", "--strict")).isEqualTo(new Import("-", true));
    }

    @Test
    void export_takes_an_optional_file() {
        assertThat(CommandLine.parse("export")).isEqualTo(new Export(Optional.empty()));
        assertThat(CommandLine.parse("export", "out.ndjson")).isEqualTo(new Export(Optional.of("out.ndjson")));
    }

    @Test
    void keys_create_takes_a_name_scopes_and_an_optional_lifetime_in_either_option_form() {
        assertThat(CommandLine.parse("keys", "create", "--name", "importer", "--scopes", "books:write,books:delete"))
                .isEqualTo(new CreateKey("importer", EnumSet.of(Scope.WRITE, Scope.DELETE), Optional.empty()));
        assertThat(CommandLine.parse("keys", "create", "--scopes=books:read", "--expires=90d", "--name=ci"))
                .isEqualTo(new CreateKey("ci", EnumSet.of(Scope.READ), Optional.of(Duration.ofDays(90))));
        assertThat(CommandLine.parse("keys", "create", "--name", "n", "--scopes", "books:admin", "--expires", "12h"))
                .isEqualTo(new CreateKey("n", EnumSet.of(Scope.ADMIN), Optional.of(Duration.ofHours(12))));
    }

    @Test
    void keys_list_and_revoke() {
        assertThat(CommandLine.parse("keys", "list")).isEqualTo(new ListKeys());
        assertThat(CommandLine.parse("keys", "revoke", "importer")).isEqualTo(new RevokeKey("importer"));
    }

    @Test
    void help_wins_wherever_it_is_asked_for() {
        assertThat(CommandLine.parse("--help")).isEqualTo(new Help());
        assertThat(CommandLine.parse("-h")).isEqualTo(new Help());
        assertThat(CommandLine.parse("help")).isEqualTo(new Help());
        assertThat(CommandLine.parse("import", "--strict", "--help")).isEqualTo(new Help());
        assertThat(CommandLine.parse("nonsense", "-h")).isEqualTo(new Help());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "frobnicate                      | unknown command 'frobnicate'",
        "import                          | import needs a FILE (or - for standard input)",
        "import a.json b.json            | import takes one FILE, not 2",
        "import --force a.json           | import has no option --force (only --strict)",
        "export a.ndjson b.ndjson        | export takes at most one FILE, not 2",
        "export --gzip                   | export has no option --gzip",
        "migrate now                     | migrate takes no arguments (got 'now')",
        "serve --port=9000               | serve takes no arguments (got '--port=9000')",
        "keys                            | keys needs a subcommand: create, list or revoke",
        "keys rotate                     | unknown keys subcommand 'rotate' (create, list or revoke)",
        "keys create --name ci           | keys create needs --name NAME and --scopes SCOPES (e.g. books:write)",
        "keys create --name ci --scopes books:everything | unknown scope 'books:everything' (books:read, books:write, books:delete, books:admin)",
        "keys create --name ci --scopes books:read --expires 2w | --expires takes a lifetime such as 90d, 12h or 30m (got '2w')",
        "keys create --name ci --scopes books:read --expires 0d | --expires takes a lifetime such as 90d, 12h or 30m (got '0d')",
        "keys create --name a --name b --scopes books:read | --name is given twice",
        "keys create --name ci --scopes  | --scopes needs a value",
        "keys create --owner me          | keys create has no option '--owner' (--name, --scopes, --expires)",
        "keys list all                   | keys list takes no arguments (got 'all')",
        "keys revoke                     | keys revoke takes one NAME",
        "keys revoke a b                 | keys revoke takes one NAME"})
    void nonsense_is_a_usage_error_that_says_what_is_wrong(String arguments, String message) {
        assertThatThrownBy(() -> CommandLine.parse(arguments.split(" +")))
                .isInstanceOf(UsageException.class).hasMessage(message);
    }
}
