package dev.books.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line tools through Main's dispatch, as {@code java -jar books.jar …} runs them, against a real
 * PostgreSQL: a database of its own on BOOKS_TEST_DB_URL's server, or else the embedded one. Import a file with
 * some bad records, export, and import the export again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandsEndToEndTest {

    private static final String BOOKS = """
            {"title":"The Dispossessed","author":"Ursula K. Le Guin","category":"Science Fiction","isbn":"0-06-051275-X","publishedYear":1974}
            {"title":"Kindred","author":"Octavia E. Butler","publishedYear":1979}
            {"title":"Things Fall Apart","author":"Chinua Achebe","category":"Classics","isbn":"9780385474542"}
            {"title":"","author":"Nobody"}
            {"title":"Beloved","author":"Toni Morrison","isbn":"9781400033417"}
            {"title":"KINDRED","author":"octavia e. butler"}
            {"title":"Cien años de soledad","author":"Gabriel García Márquez","category":"Ficción","publishedYear":1967}
            """;

    @TempDir
    static Path directory;

    private static final Map<String, String> environment = new HashMap<>();
    private static String testDatabase;

    @BeforeAll
    static void chooseTheDatabase() throws SQLException {
        environment.put("BOOKS_DATA_DIR", directory.resolve("books-data").toString());
        String externalUrl = System.getenv("BOOKS_TEST_DB_URL");
        if (externalUrl != null && !externalUrl.isBlank()) {
            testDatabase = "books_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            adminExecute("CREATE DATABASE " + testDatabase + " TEMPLATE template0 ENCODING 'UTF8'");
            environment.put("BOOKS_DB_URL", externalUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + testDatabase + "$1"));
            environment.put("BOOKS_DB_USER", System.getenv("BOOKS_TEST_DB_USER"));
            environment.put("BOOKS_DB_PASSWORD", System.getenv("BOOKS_TEST_DB_PASSWORD"));
        }
    }

    @AfterAll
    static void dropTheDatabase() throws SQLException {
        if (testDatabase != null) {
            adminExecute("DROP DATABASE IF EXISTS " + testDatabase + " WITH (FORCE)");
        }
    }

    /** What one run printed and returned. */
    private record Run(int status, String out, String err) {
    }

    private static Run books(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, environment, InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Order(1)
    void import_loads_the_good_records_and_lists_the_bad_ones() throws IOException {
        Path file = Files.writeString(directory.resolve("books.ndjson"), BOOKS);

        Run run = books("import", file.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("""
                rejected line 4: title must not be blank
                rejected line 5: isbn has an invalid check digit
                rejected line 6: duplicate, a book with this title and author already exists
                Imported 4 books from""")
                .contains("(7 records read)")
                .endsWith("Rejected 3 records: 2 invalid, 1 duplicate.\n");
    }

    @Test
    @Order(2)
    void export_writes_what_was_imported_in_the_create_fields() throws IOException {
        Path exported = directory.resolve("export.ndjson");

        Run run = books("export", exported.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Exported 4 books to " + exported);
        assertThat(Files.readAllLines(exported)).containsExactlyInAnyOrder(
                "{\"title\":\"The Dispossessed\",\"author\":\"Ursula K. Le Guin\",\"category\":\"Science Fiction\","
                        + "\"isbn\":\"9780060512750\",\"publishedYear\":1974}",
                "{\"title\":\"Kindred\",\"author\":\"Octavia E. Butler\",\"publishedYear\":1979}",
                "{\"title\":\"Things Fall Apart\",\"author\":\"Chinua Achebe\",\"category\":\"Classics\","
                        + "\"isbn\":\"9780385474542\"}",
                "{\"title\":\"Cien años de soledad\",\"author\":\"Gabriel García Márquez\",\"category\":\"Ficción\","
                        + "\"publishedYear\":1967}");
    }

    @Test
    @Order(3)
    void the_export_imported_again_is_all_duplicates_and_strict_mode_refuses_it() {
        String exported = directory.resolve("export.ndjson").toString();

        Run strict = books("import", "--strict", exported);
        Run lenient = books("import", exported);

        assertThat(strict.status()).isEqualTo(3);
        assertThat(strict.out()).endsWith("nothing was imported.\n");
        assertThat(lenient.status()).isZero();
        assertThat(lenient.out()).contains("Imported 0 books").endsWith("Rejected 4 records: 0 invalid, 4 duplicates.\n");
    }

    @Test
    @Order(4)
    void migrate_finds_the_schema_up_to_date() {
        Run run = books("migrate");

        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo("The database schema is up to date.\n");
    }

    @Test
    void help_and_mistakes_need_no_database() {
        Run help = books("--help");
        Run unknown = books("frobnicate");
        Run missing = books("import", directory.resolve("missing.ndjson").toString());

        assertThat(help.status()).isZero();
        assertThat(help.out()).isEqualTo(Usage.TEXT);
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("books: unknown command 'frobnicate'. See 'java -jar books.jar --help'.\n");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).endsWith("missing.ndjson: no such file.\n");
        assertThat(List.of(help.err(), unknown.out(), missing.out())).containsOnly("");
    }

    @Test
    void a_configuration_mistake_is_a_usage_error_too() {
        Map<String, String> wrong = Map.of("BOOKS_DB_URL", "mysql://nope");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Main.run(new String[] {"migrate"}, wrong, InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Invalid configuration: BOOKS_DB_URL must be");
    }

    private static void adminExecute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(System.getenv("BOOKS_TEST_DB_URL"),
                System.getenv("BOOKS_TEST_DB_USER"), System.getenv("BOOKS_TEST_DB_PASSWORD"));
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
