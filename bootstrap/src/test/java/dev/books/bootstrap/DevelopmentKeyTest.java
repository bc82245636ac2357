package dev.books.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.access.ApiKey;
import dev.books.access.ApiKeys;
import dev.books.access.Scope;
import dev.books.testkit.InMemoryApiKeyStore;
import dev.books.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevelopmentKeyTest {

    @TempDir
    Path dataDir;

    private final MutableClock clock = MutableClock.startingAtNewYear2026();
    private final ApiKeys apiKeys = new ApiKeys(new InMemoryApiKeyStore(), clock);

    private String keyInFile() throws IOException {
        return Files.readString(dataDir.resolve(DevelopmentKey.FILE_NAME)).strip();
    }

    @Test
    void the_first_start_writes_a_key_with_every_scope_readable_by_its_owner_only() throws IOException {
        Path file = DevelopmentKey.ensure(apiKeys, dataDir);

        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(apiKeys.authenticate(keyInFile())).hasValueSatisfying(principal -> {
            assertThat(principal.scopes()).containsExactlyInAnyOrder(Scope.values());
            assertThat(principal.actor().name()).isEqualTo("key:dev");
        });
    }

    @Test
    void later_starts_keep_the_key_that_works() throws IOException {
        DevelopmentKey.ensure(apiKeys, dataDir);
        String first = keyInFile();

        DevelopmentKey.ensure(apiKeys, dataDir);

        assertThat(keyInFile()).isEqualTo(first);
        assertThat(apiKeys.list()).hasSize(1);
    }

    @Test
    void a_lost_file_gets_a_new_key_and_the_lost_one_is_revoked() throws IOException {
        DevelopmentKey.ensure(apiKeys, dataDir);
        String lost = keyInFile();
        Files.delete(dataDir.resolve(DevelopmentKey.FILE_NAME));

        DevelopmentKey.ensure(apiKeys, dataDir);

        assertThat(apiKeys.authenticate(keyInFile())).isPresent();
        assertThat(apiKeys.authenticate(lost)).isEmpty();
        assertThat(apiKeys.list()).extracting(ApiKey::name).containsExactlyInAnyOrder("dev", "dev-2");
    }

    @Test
    void a_file_whose_key_no_longer_works_is_replaced_and_other_keys_are_left_alone() throws IOException {
        apiKeys.create("importer", Set.of(Scope.WRITE), Optional.empty());
        Files.writeString(dataDir.resolve(DevelopmentKey.FILE_NAME), "books_000000000000_stale\n");

        DevelopmentKey.ensure(apiKeys, dataDir);

        assertThat(apiKeys.authenticate(keyInFile())).isPresent();
        assertThat(apiKeys.list()).filteredOn(key -> key.name().equals("importer"))
                .singleElement().satisfies(key -> assertThat(key.revoked()).isEmpty());
    }
}
