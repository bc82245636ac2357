package dev.books.adapter.postgres;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The indexes of {@code books} that a load into an empty table drops, and how it builds them again
 * ({@link ExclusiveLoad}). Read from the catalogue rather than written here, so a new index in a migration is
 * dropped and rebuilt too, exactly as the migration defined it.
 */
final class DroppedIndexes {

    /**
     * Every index of the table in creation order (the order PostgreSQL checks unique indexes in, which decides the
     * rule a book breaking both is refused by), with the constraint it backs, if any, and how to build each again.
     */
    static final String INDEXES = """
            SELECT i.indexrelid::regclass::text AS index_name,
                   quote_ident(c.conname) AS constraint_name,
                   pg_get_constraintdef(c.oid) AS constraint_definition,
                   pg_get_indexdef(i.indexrelid) AS index_definition
            FROM pg_index i
            LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid
                                     AND c.contype IN ('p', 'u', 'x')
            WHERE i.indrelid = 'books'::regclass
            ORDER BY i.indexrelid""";
    /** Foreign keys pointing at the table pin its primary-key and unique constraints. */
    static final String REFERENCED = "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE confrelid = 'books'::regclass)";

    private DroppedIndexes() {
    }

    /** Drops the indexes a load may rebuild, and returns how to rebuild each, in creation order. */
    static List<Index> drop(Handle handle) {
        boolean referenced = handle.createQuery(REFERENCED).mapTo(Boolean.class).one();
        List<Index> dropped = new ArrayList<>();
        for (Index index : handle.createQuery(INDEXES).map((rs, ctx) -> new Index(rs.getString("index_name"),
                rs.getString("constraint_name"), rs.getString("constraint_definition"),
                rs.getString("index_definition"))).list()) {
            if (index.constraint() == null) {
                handle.execute("DROP INDEX " + index.name());
                dropped.add(index);
            } else if (!referenced) {
                handle.execute("ALTER TABLE books DROP CONSTRAINT " + index.constraint());
                dropped.add(index);
            }
        }
        return dropped;
    }

    /** Builds the dropped indexes again, in their original order. */
    static void rebuild(Handle handle, List<Index> dropped) {
        for (Index index : dropped) {
            handle.execute(index.rebuild());
        }
    }

    /** An index dropped for the load, and how to build it again: as a constraint when it backs one. */
    record Index(String name, String constraint, String constraintDefinition, String definition) {

        String rebuild() {
            return constraint == null ? definition
                    : "ALTER TABLE books ADD CONSTRAINT " + constraint + " " + constraintDefinition;
        }
    }
}
