package dev.books.adapter.postgres;

import dev.books.domain.Author;
import dev.books.domain.Category;
import dev.books.domain.InvalidBookException;
import dev.books.domain.Title;
import dev.books.domain.Violations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration V2 (ADR 0009): every stored title, author and category in the form the domain now gives text (composed,
 * NFC), and the three match keys recomputed by the domain's one key function (NFKC, case-folded, invisible
 * characters left out). In Java rather than SQL so that the keys come from the very code every later write uses.
 *
 * <p>It runs inside Flyway's transaction, so it changes every row or none. It reads the books in batches by id,
 * stages the rows that change in a temporary table, and then either applies them all or refuses, changing nothing,
 * when stored books break the rules they were never checked against: two books that are now the same work (a
 * duplicate that slipped in through another Unicode form), or a title, author or category the text rules now refuse
 * (invisible, or with bidirectional controls). Which duplicate to keep, and what an invisible title should have
 * said, is for a person to decide; the failure names every such book by id.
 *
 * <p>A book whose stored text changes gets its next version (and its update time moves to now, never back), as any
 * other change to what the API shows would; a book whose keys alone change keeps its version.
 *
 * <p>It names its columns itself rather than through {@link BookRow}: a migration is a snapshot of the table at its
 * version, and must keep working on a new database where the columns added by later migrations do not exist yet.
 */
final class NormalizeStoredText implements JavaMigration {

    private static final Logger LOG = LoggerFactory.getLogger(NormalizeStoredText.class);

    static final MigrationVersion VERSION = MigrationVersion.fromVersion("2");
    static final String DESCRIPTION = "normalize stored text";
    /** Books read per statement, and staged per batch: flat memory whatever the catalogue's size. */
    static final int BATCH = 1_000;
    /** How many problems the failure message itself names (the log names up to {@link #LOGGED}). */
    static final int LISTED = 20;
    static final int LOGGED = 1_000;

    static final String CREATE_STAGING = """
            CREATE TEMPORARY TABLE books_v2 (
                id           uuid    PRIMARY KEY,
                title        text    NOT NULL,
                author       text    NOT NULL,
                category     text,
                title_key    text    NOT NULL,
                author_key   text    NOT NULL,
                category_key text,
                text_changed boolean NOT NULL
            ) ON COMMIT DROP""";
    static final String FIRST_BATCH = "SELECT id, title, author, category, title_key, author_key, category_key"
            + " FROM books ORDER BY id LIMIT " + BATCH;
    static final String NEXT_BATCH = "SELECT id, title, author, category, title_key, author_key, category_key"
            + " FROM books WHERE id > ? ORDER BY id LIMIT " + BATCH;
    static final String STAGE = "INSERT INTO books_v2 (id, title, author, category, title_key, author_key,"
            + " category_key, text_changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    /**
     * The groups of books that would share a work key once the staged rows are applied, oldest first within a group:
     * a staged row with every other staged row or stored, unchanged row of its new key.
     */
    static final String COLLISIONS = """
            WITH staged_keys AS (SELECT DISTINCT title_key, author_key FROM books_v2),
            final_keys AS (
                SELECT s.id, s.title_key, s.author_key FROM books_v2 s
                UNION ALL
                SELECT b.id, b.title_key, b.author_key
                FROM books b JOIN staged_keys k ON k.title_key = b.title_key AND k.author_key = b.author_key
                WHERE NOT EXISTS (SELECT 1 FROM books_v2 s WHERE s.id = b.id))
            SELECT string_agg(f.id::text, ', ' ORDER BY b.created_at, b.id) AS ids
            FROM final_keys f JOIN books b ON b.id = f.id
            GROUP BY f.title_key, f.author_key
            HAVING count(*) > 1
            ORDER BY min(b.created_at), min(b.id::text)""";
    /**
     * PostgreSQL checks a unique index row by row, not at the end of the statement: the changing rows first give up
     * their work keys for a placeholder no text can have (a control character, which the domain refuses), so that
     * none meets another's old key on the way to its new one.
     */
    static final String RELEASE_KEYS =
            "UPDATE books b SET title_key = chr(1) || b.id::text FROM books_v2 s WHERE s.id = b.id";
    static final String APPLY = """
            UPDATE books b
            SET title = s.title, author = s.author, category = s.category,
                title_key = s.title_key, author_key = s.author_key, category_key = s.category_key,
                version = CASE WHEN s.text_changed THEN b.version + 1 ELSE b.version END,
                updated_at = CASE WHEN s.text_changed THEN greatest(b.updated_at, now()) ELSE b.updated_at END
            FROM books_v2 s
            WHERE s.id = b.id""";

    @Override
    public MigrationVersion getVersion() {
        return VERSION;
    }

    @Override
    public String getDescription() {
        return DESCRIPTION;
    }

    /** None: Flyway then never compares one, so improving this class's wording does not fail a later start. */
    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE_STAGING);
        }
        Scan scan = scan(connection);
        List<String> collisions = collisions(connection);
        if (!scan.refused.isEmpty() || !collisions.isEmpty()) {
            throw new StoredTextConflictException(scan.refused, scan.refusedCount, collisions);
        }
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(RELEASE_KEYS);
            int applied = statement.executeUpdate(APPLY);
            LOG.info("Stored text normalised: {} books read, {} with text recomposed (each at its next version), "
                    + "{} with new match keys only", scan.read, scan.textChanged, applied - scan.textChanged);
        }
    }

    /** Reads every book in batches by id and stages those whose text or keys change; collects those refused. */
    private static Scan scan(Connection connection) throws SQLException {
        Scan scan = new Scan();
        try (PreparedStatement first = connection.prepareStatement(FIRST_BATCH);
                PreparedStatement next = connection.prepareStatement(NEXT_BATCH);
                PreparedStatement stage = connection.prepareStatement(STAGE)) {
            UUID after = null;
            while (true) {
                PreparedStatement batch = after == null ? first : next;
                if (after != null) {
                    next.setObject(1, after);
                }
                int rows = 0;
                int staged = 0;
                try (ResultSet rs = batch.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        StoredRow row = StoredRow.read(rs);
                        after = row.id();
                        if (scan.check(row, stage)) {
                            staged++;
                        }
                    }
                }
                if (staged > 0) {
                    stage.executeBatch();
                }
                scan.read += rows;
                if (rows < BATCH) {
                    return scan;
                }
            }
        }
    }

    private static List<String> collisions(Connection connection) throws SQLException {
        List<String> groups = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(COLLISIONS)) {
            while (rs.next()) {
                String ids = rs.getString("ids");
                if (groups.size() < LOGGED) {
                    LOG.warn("Books {} are one work once their text is normalised", ids);
                }
                groups.add(ids);
            }
        }
        return groups;
    }

    /** The title, author and category of a stored book, with the keys stored beside them. */
    private record StoredRow(UUID id, String title, String author, String category, String titleKey,
            String authorKey, String categoryKey) {

        static StoredRow read(ResultSet rs) throws SQLException {
            return new StoredRow(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("author"),
                    rs.getString("category"), rs.getString("title_key"), rs.getString("author_key"),
                    rs.getString("category_key"));
        }
    }

    /** What the scan found so far. */
    private static final class Scan {

        final List<String> refused = new ArrayList<>();
        long refusedCount;
        long read;
        long textChanged;

        /** Stages the row if its text or keys change (true), or records why the domain refuses it. */
        boolean check(StoredRow row, PreparedStatement stage) throws SQLException {
            Violations violations = new Violations();
            Title title = violations.attempt(() -> new Title(row.title()));
            Author author = violations.attempt(() -> new Author(row.author()));
            Category category = row.category() == null ? null
                    : violations.attempt(() -> new Category(row.category()));
            try {
                violations.throwIfAny();
            } catch (InvalidBookException e) {
                refusedCount++;
                String problem = "book " + row.id() + ": " + e.getMessage();
                if (refused.size() < LOGGED) {
                    LOG.warn("Stored {}", problem);
                    refused.add(problem);
                }
                return false;
            }
            String categoryValue = category == null ? null : category.value();
            String categoryKey = category == null ? null : category.matchKey();
            boolean recomposed = !title.value().equals(row.title()) || !author.value().equals(row.author())
                    || !Objects.equals(categoryValue, row.category());
            boolean keysChanged = !title.matchKey().equals(row.titleKey()) || !author.matchKey().equals(row.authorKey())
                    || !Objects.equals(categoryKey, row.categoryKey());
            if (!recomposed && !keysChanged) {
                return false;
            }
            stage.setObject(1, row.id());
            stage.setString(2, title.value());
            stage.setString(3, author.value());
            stage.setString(4, categoryValue);
            stage.setString(5, title.matchKey());
            stage.setString(6, author.matchKey());
            stage.setString(7, categoryKey);
            stage.setBoolean(8, recomposed);
            stage.addBatch();
            if (recomposed) {
                textChanged++;
            }
            return true;
        }
    }
}
