/**
 * The driven adapter that stores books in PostgreSQL. Only {@link dev.books.adapter.postgres.PostgresSettings} and
 * {@link dev.books.adapter.postgres.PostgresDatabase} are visible: the database hands out the
 * {@link dev.books.domain.BookRepository} port, and everything behind it (JDBI, HikariCP, pgjdbc, Flyway, the SQL)
 * stays in this package.
 */
package dev.books.adapter.postgres;
