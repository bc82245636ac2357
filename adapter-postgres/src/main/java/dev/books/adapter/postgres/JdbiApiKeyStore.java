package dev.books.adapter.postgres;

import dev.books.access.ApiKey;
import dev.books.access.ApiKeyStore;
import dev.books.access.DuplicateKeyNameException;
import dev.books.access.Scope;
import dev.books.access.StoredApiKey;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The {@link ApiKeyStore} over PostgreSQL's {@code api_keys} table (V4): one statement per operation, in autocommit.
 * Package-private: {@link PostgresDatabase} hands it out, on the primary's pool.
 */
final class JdbiApiKeyStore implements ApiKeyStore {

    static final String NAME_UNIQUE = "api_keys_name_unique";
    private static final String COLUMNS =
            "id, name, secret_hash, scopes, created_at, last_used_at, expires_at, revoked_at";
    static final String INSERT = "INSERT INTO api_keys (" + COLUMNS + ") VALUES (:id, :name, :secretHash, "
            + "CAST(:scopes AS text[]), :createdAt, :lastUsedAt, :expiresAt, :revokedAt)";
    static final String FIND = "SELECT " + COLUMNS + " FROM api_keys WHERE id = :id";
    static final String ALL = "SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at DESC, name DESC";
    static final String REVOKE = "UPDATE api_keys SET revoked_at = :at WHERE name = :name AND revoked_at IS NULL";
    static final String TOUCH = "UPDATE api_keys SET last_used_at = :at WHERE id = :id";

    private static final RowMapper<StoredApiKey> KEYS = (rs, ctx) -> read(rs);

    private final Jdbi jdbi;

    JdbiApiKeyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void add(StoredApiKey stored) {
        ApiKey key = stored.key();
        try {
            call(handle -> handle.createUpdate(INSERT)
                    .bind("id", key.id())
                    .bind("name", key.name())
                    .bind("secretHash", stored.secretHash())
                    .bind("scopes", scopeArray(key.scopes()))
                    .bind("createdAt", at(key.created()))
                    .bindByType("lastUsedAt", key.lastUsed().map(JdbiApiKeyStore::at).orElse(null),
                            OffsetDateTime.class)
                    .bindByType("expiresAt", key.expires().map(JdbiApiKeyStore::at).orElse(null),
                            OffsetDateTime.class)
                    .bindByType("revokedAt", key.revoked().map(JdbiApiKeyStore::at).orElse(null),
                            OffsetDateTime.class)
                    .execute());
        } catch (RuntimeException e) {
            if (SqlFailures.violates(e, NAME_UNIQUE)) {
                throw new DuplicateKeyNameException(key.name());
            }
            throw e;
        }
    }

    @Override
    public Optional<StoredApiKey> find(String id) {
        return call(handle -> handle.createQuery(FIND).bind("id", id).map(KEYS).findOne());
    }

    @Override
    public List<ApiKey> all() {
        return call(handle -> handle.createQuery(ALL).map(KEYS).list()).stream().map(StoredApiKey::key).toList();
    }

    @Override
    public boolean revoke(String name, Instant at) {
        return call(handle -> handle.createUpdate(REVOKE).bind("name", name).bind("at", at(at)).execute()) > 0;
    }

    @Override
    public void touch(String id, Instant at) {
        call(handle -> handle.createUpdate(TOUCH).bind("id", id).bind("at", at(at)).execute());
    }

    private static StoredApiKey read(ResultSet rs) throws SQLException {
        ApiKey key = new ApiKey(rs.getString("id"), rs.getString("name"), scopes(rs.getArray("scopes")),
                instant(rs, "created_at").orElseThrow(), instant(rs, "last_used_at"), instant(rs, "expires_at"),
                instant(rs, "revoked_at"));
        return new StoredApiKey(key, rs.getBytes("secret_hash"));
    }

    private static Set<Scope> scopes(Array array) throws SQLException {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (Object name : (Object[]) array.getArray()) {
            Scope.named((String) name).ifPresent(scopes::add);
        }
        return scopes;
    }

    /** The scopes as a PostgreSQL array literal: their names are fixed words, with nothing to quote. */
    private static String scopeArray(Set<Scope> scopes) {
        return "{" + String.join(",", scopes.stream().map(Scope::value).sorted().toList()) + "}";
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private <T> T call(HandleCallback<T, RuntimeException> work) {
        return SqlFailures.withHandle(jdbi, work);
    }
}
