/**
 * The driven adapter that stores books, and idempotency keys, in PostgreSQL. Only
 * {@link dev.books.adapter.postgres.PostgresSettings} and {@link dev.books.adapter.postgres.PostgresDatabase} are
 * visible: the database hands out the {@link dev.books.domain.BookRepository}, {@link dev.books.domain.BookBulkLoader}
 * and {@link dev.books.domain.RequestLog} ports, and everything behind them (JDBI, HikariCP, pgjdbc, Flyway, the SQL)
 * stays in this package.
 */
package dev.books.adapter.postgres;
