package dev.books.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.access.ApiKeys;
import dev.books.access.Scope;
import dev.books.testkit.InMemoryApiKeyStore;
import dev.books.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeysCommandTest {

    private final MutableClock clock = MutableClock.startingAtNewYear2026();
    private final ApiKeys apiKeys = new ApiKeys(new InMemoryApiKeyStore(), clock);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final KeysCommand keys = new KeysCommand(apiKeys, clock, stream(out), stream(err));

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void create_prints_the_key_alone_on_standard_output_and_the_key_works() {
        ExitStatus status = keys.create("importer", Set.of(Scope.WRITE), Optional.of(Duration.ofDays(90)));

        assertThat(status).isEqualTo(ExitStatus.OK);
        String secret = text(out).strip();
        assertThat(text(out)).isEqualTo(secret + System.lineSeparator()).startsWith(ApiKeys.PREFIX);
        assertThat(apiKeys.authenticate(secret)).hasValueSatisfying(
                principal -> assertThat(principal.scopes()).containsExactly(Scope.WRITE));
        assertThat(text(err)).contains("Created key importer (books:write), expires 2026-04-01T")
                .doesNotContain(secret);
    }

    @Test
    void a_name_taken_already_is_refused_without_a_key() {
        keys.create("importer", Set.of(Scope.WRITE), Optional.empty());
        out.reset();

        assertThat(keys.create("importer", Set.of(Scope.READ), Optional.empty())).isEqualTo(ExitStatus.USAGE);
        assertThat(text(out)).isEmpty();
        assertThat(text(err)).contains("A key named importer exists already");
    }

    @Test
    void a_bad_name_is_refused_with_the_rule() {
        assertThat(keys.create("no spaces", Set.of(Scope.READ), Optional.empty())).isEqualTo(ExitStatus.USAGE);
        assertThat(text(err)).contains("1 to 64 letters, digits");
    }

    @Test
    void list_shows_every_key_and_its_state_but_never_a_secret() {
        String active = apiKeys.create("ci", Set.of(Scope.READ, Scope.WRITE), Optional.empty()).secret();
        String revoked = apiKeys.create("old", Set.of(Scope.ADMIN), Optional.empty()).secret();
        apiKeys.create("brief", Set.of(Scope.READ), Optional.of(Duration.ofMinutes(1)));
        apiKeys.revoke("old");
        clock.advance(Duration.ofHours(1));

        assertThat(keys.list()).isEqualTo(ExitStatus.OK);

        String listing = text(out);
        assertThat(listing.lines()).hasSize(4);
        assertThat(listing.lines().filter(line -> line.startsWith("ci "))).singleElement().asString()
                .contains("books:read,books:write").endsWith("active");
        assertThat(listing.lines().filter(line -> line.startsWith("old "))).singleElement().asString()
                .contains("revoked 2026-01-01T");
        assertThat(listing.lines().filter(line -> line.startsWith("brief "))).singleElement().asString()
                .endsWith("expired");
        assertThat(listing).doesNotContain(active).doesNotContain(revoked);
    }

    @Test
    void revoke_stops_the_key_at_once_here_and_says_so() {
        String secret = apiKeys.create("ci", Set.of(Scope.WRITE), Optional.empty()).secret();

        assertThat(keys.revoke("ci")).isEqualTo(ExitStatus.OK);

        assertThat(apiKeys.authenticate(secret)).isEmpty();
        assertThat(text(err)).contains("Revoked key ci");
    }

    @Test
    void revoking_an_unknown_name_is_a_usage_error() {
        assertThat(keys.revoke("nobody")).isEqualTo(ExitStatus.USAGE);
        assertThat(text(err)).contains("No key is named nobody.");
    }
}
