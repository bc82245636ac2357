/**
 * Test fixtures for Books and its embedders: {@link dev.books.testkit.InMemoryBookRepository} and
 * {@link dev.books.testkit.InMemoryRequestLog}, fakes that behave like the real store (the first ranking search
 * results by {@link dev.books.testkit.TrigramSimilarity}, as PostgreSQL's pg_trgm does),
 * {@link dev.books.testkit.BookRepositoryContract}, {@link dev.books.testkit.BookBulkLoaderContract} and
 * {@link dev.books.testkit.RequestLogContract}, the suites every {@link dev.books.domain.BookRepository},
 * {@link dev.books.domain.BookBulkLoader} and {@link dev.books.domain.RequestLog} must pass,
 * {@link dev.books.testkit.ForwardingBookRepository}, the base for test doubles that change one behaviour of a
 * store, and {@link dev.books.testkit.MutableClock}.
 */
package dev.books.testkit;
