package dev.books.adapter.postgres;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The {@code books} table as the catalogue describes it, beyond what {@code CREATE TABLE … (LIKE books …)} copies:
 * its indexes (with the key constraints they back), the foreign keys of other tables that point at it, its grants,
 * comment and owner; and whatever a fresh table standing in for it could not be given (a view over it, a trigger,
 * a policy, an exclusion constraint…), each of which rules out {@link SwapLoad}. Read, never written down here, so
 * that an index a later migration adds is rebuilt exactly as that migration defined it.
 */
record TableShape(String schema, List<Index> indexes, List<ForeignKey> referencedBy, List<Grant> grants,
        String commentLiteral, String owner, String options, List<String> obstacles) {

    /** The fresh table a {@link SwapLoad} fills; the comment marks it as ours, so a crashed load's can be dropped. */
    static final String LOADING_TABLE = "books_loading";
    static final String LOADING_MARK = "Books: a bulk load in progress (dropped when it fails, or by the next load)";

    private static final String TABLE = """
            SELECT quote_ident(n.nspname) AS schema,
                   quote_nullable(obj_description(c.oid, 'pg_class')) AS comment_literal,
                   quote_ident(pg_get_userbyid(c.relowner)) AS owner,
                   array_to_string(c.reloptions, ', ') AS options
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.oid = 'books'::regclass""";

    /**
     * Every index in creation order (PostgreSQL checks unique indexes in that order, which decides the rule a book
     * breaking both is refused by), with the constraint it backs. {@code pg_get_indexdef} always names the table
     * schema-qualified, so {@code prefix} is exactly how its definition begins.
     */
    private static final String INDEXES = """
            SELECT quote_ident(ic.relname) AS name,
                   pg_get_indexdef(i.indexrelid) AS definition,
                   format('CREATE %sINDEX %I ON %I.%I USING ', CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END,
                          ic.relname, n.nspname, t.relname) AS prefix,
                   i.indisunique AS is_unique,
                   am.amname AS method,
                   quote_ident(c.conname) AS constraint_name,
                   CASE c.contype WHEN 'p' THEN 'PRIMARY KEY' WHEN 'u' THEN 'UNIQUE' END AS constraint_kind,
                   CASE WHEN c.condeferred THEN ' DEFERRABLE INITIALLY DEFERRED'
                        WHEN c.condeferrable THEN ' DEFERRABLE' ELSE '' END AS deferrable,
                   quote_nullable(obj_description(i.indexrelid, 'pg_class')) AS comment_literal
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_am am ON am.oid = ic.relam
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid
                                     AND c.contype IN ('p', 'u')
            WHERE i.indrelid = 'books'::regclass
            ORDER BY i.indexrelid""";

    private static final String REFERENCED_BY = """
            SELECT conrelid::regclass::text AS table_name, quote_ident(conname) AS name,
                   pg_get_constraintdef(oid) AS definition
            FROM pg_constraint
            WHERE confrelid = 'books'::regclass AND contype = 'f' AND conrelid <> 'books'::regclass
            ORDER BY oid""";

    /** Privileges granted on the table and on its columns; the owner's own are implied by ownership. */
    private static final String GRANTS = """
            SELECT a.privilege_type AS privilege, NULL AS column_name,
                   CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END AS grantee,
                   a.is_grantable AS grantable
            FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
            WHERE c.oid = 'books'::regclass AND a.grantee <> c.relowner
            UNION ALL
            SELECT a.privilege_type, quote_ident(att.attname),
                   CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END,
                   a.is_grantable
            FROM pg_attribute att CROSS JOIN LATERAL aclexplode(att.attacl) a
            WHERE att.attrelid = 'books'::regclass AND NOT att.attisdropped""";

    /**
     * What a fresh table could not stand in for: anything that depends on the table (or its row type) other than its
     * own constraints, defaults, indexes, row type and TOAST table (all made anew) and the foreign keys pointing at it
     * (moved over); triggers of its own; exclusion constraints and foreign keys of its own; an unusual kind of table;
     * an index a failed build left behind; and a table in the way of {@link #LOADING_TABLE} that is not ours.
     */
    private static final String OBSTACLES = """
            SELECT 'it is not a plain permanent table in the default tablespace, without policies or replica identity'
            FROM pg_class c
            WHERE c.oid = 'books'::regclass
              AND (c.relkind <> 'r' OR c.relpersistence <> 'p' OR c.relispartition OR c.relhassubclass
                   OR c.reltablespace <> 0 OR c.relrowsecurity OR c.relforcerowsecurity OR c.relreplident <> 'd'
                   OR c.reloftype <> 0 OR EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = c.oid))
            UNION ALL
            SELECT 'its index ' || i.indexrelid::regclass || ' is not valid, or has a tablespace of its own'
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
            WHERE i.indrelid = 'books'::regclass
              AND NOT (i.indisvalid AND i.indisready AND i.indislive AND ic.reltablespace = 0)
            UNION ALL
            SELECT 'its constraint ' || quote_ident(conname) || ' is an exclusion constraint or a foreign key'
            FROM pg_constraint
            WHERE conrelid = 'books'::regclass AND contype NOT IN ('c', 'p', 'u', 'n')
            UNION ALL
            SELECT 'its trigger ' || quote_ident(tgname)
            FROM pg_trigger
            WHERE tgrelid = 'books'::regclass AND NOT tgisinternal
            UNION ALL
            SELECT DISTINCT pg_describe_object(d.classid, d.objid, 0) || ' depends on it'
            FROM pg_depend d
            WHERE ((d.refclassid = 'pg_class'::regclass AND d.refobjid = 'books'::regclass)
                   OR (d.refclassid = 'pg_type'::regclass
                       AND d.refobjid = (SELECT reltype FROM pg_class WHERE oid = 'books'::regclass)))
              AND d.classid NOT IN ('pg_constraint'::regclass, 'pg_attrdef'::regclass)
              AND NOT (d.deptype = 'i' AND (d.classid = 'pg_type'::regclass
                       OR d.objid = (SELECT reltoastrelid FROM pg_class WHERE oid = 'books'::regclass)))
              AND NOT (d.classid = 'pg_class'::regclass
                       AND d.objid IN (SELECT indexrelid FROM pg_index WHERE indrelid = 'books'::regclass))
              AND NOT (d.classid = 'pg_trigger'::regclass
                       AND d.objid IN (SELECT t.oid FROM pg_trigger t JOIN pg_constraint k ON k.oid = t.tgconstraint
                                       WHERE k.contype = 'f' AND k.confrelid = 'books'::regclass))
            UNION ALL
            SELECT 'a relation named %1$s exists that Books did not make'
            FROM pg_class c
            WHERE c.relname = '%1$s'
              AND c.relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = 'books'::regclass)
              AND obj_description(c.oid, 'pg_class') IS DISTINCT FROM '%2$s'""".formatted(LOADING_TABLE, LOADING_MARK);

    /** Reads the table's shape; the caller's transaction decides what may change meanwhile. */
    static TableShape read(Handle handle) {
        List<Index> indexes = handle.createQuery(INDEXES).map((rs, ctx) -> new Index(rs.getString("name"),
                tail(rs.getString("definition"), rs.getString("prefix")), rs.getBoolean("is_unique"),
                rs.getString("method"), rs.getString("constraint_name"), rs.getString("constraint_kind"),
                rs.getString("deferrable"), rs.getString("comment_literal"))).list();
        List<ForeignKey> referencedBy = handle.createQuery(REFERENCED_BY).map((rs, ctx) -> new ForeignKey(
                rs.getString("table_name"), rs.getString("name"), rs.getString("definition"))).list();
        List<Grant> grants = handle.createQuery(GRANTS).map((rs, ctx) -> new Grant(rs.getString("privilege"),
                rs.getString("column_name"), rs.getString("grantee"), rs.getBoolean("grantable"))).list();
        List<String> obstacles = handle.createQuery(OBSTACLES).mapTo(String.class).list();
        return handle.createQuery(TABLE).map((rs, ctx) -> new TableShape(rs.getString("schema"), indexes,
                referencedBy, grants, rs.getString("comment_literal"), rs.getString("owner"),
                rs.getString("options"), obstacles)).one();
    }

    /** The table, schema-qualified. */
    String books() {
        return schema + ".books";
    }

    /** The fresh table a swap load fills, in the same schema. */
    String loading() {
        return schema + "." + LOADING_TABLE;
    }

    /** What follows {@code USING } in an index definition, checked against the beginning it must have. */
    private static String tail(String definition, String prefix) {
        if (!definition.startsWith(prefix)) {
            throw new IllegalStateException("unexpected index definition: " + definition);
        }
        return definition.substring(prefix.length());
    }

    /**
     * An index of the table: its name, what follows {@code USING} in its definition (method, columns, options,
     * predicate), and the primary-key or unique constraint it backs, if any.
     */
    record Index(String name, String usingClause, boolean unique, String method, String constraint,
            String constraintKind, String deferrable, String commentLiteral) {

        /** Builds the same index on {@code table} under a temporary name. */
        String build(String temporaryName, String table) {
            return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + temporaryName + " ON " + table + " USING "
                    + usingClause;
        }

        /**
         * Gives the index built under {@code temporaryName} (in the table's schema) its own name back, as the
         * constraint it backs when it backs one (which names the index after the constraint, as PostgreSQL always
         * does).
         */
        String adopt(String temporaryName, String schema, String table) {
            return constraint == null ? "ALTER INDEX " + schema + "." + temporaryName + " RENAME TO " + name
                    : "ALTER TABLE " + table + " ADD CONSTRAINT " + constraint + " " + constraintKind
                            + " USING INDEX " + temporaryName + deferrable;
        }

        /** GIN and GiST builds take several times as long as a B-tree's over the same rows. */
        static final int GIN_WEIGHT = 8;

        int weight() {
            return "gin".equals(method) || "gist".equals(method) ? GIN_WEIGHT : 1;
        }
    }

    /** A foreign key of another table that references this one: dropped before the swap, added back after it. */
    record ForeignKey(String table, String name, String definition) {

        String drop() {
            return "ALTER TABLE " + table + " DROP CONSTRAINT " + name;
        }

        String add() {
            return "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + definition;
        }
    }

    /** A privilege on the table, or on one of its columns ({@code column} null for the whole table). */
    record Grant(String privilege, String column, String grantee, boolean grantable) {

        String on(String table) {
            return "GRANT " + privilege + (column == null ? "" : " (" + column + ")") + " ON TABLE " + table + " TO "
                    + grantee + (grantable ? " WITH GRANT OPTION" : "");
        }
    }
}
