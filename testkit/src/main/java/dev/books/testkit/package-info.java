/**
 * Test fixtures for Books and its embedders: {@link dev.books.testkit.InMemoryBookRepository},
 * {@link dev.books.testkit.InMemoryRequestLog} and {@link dev.books.testkit.InMemoryConsistencyTokens}, fakes that
 * behave like the real store (the first ranking search results by {@link dev.books.testkit.TrigramSimilarity}, as
 * PostgreSQL's pg_trgm does), {@link dev.books.testkit.BookRepositoryContract},
 * {@link dev.books.testkit.BookBulkLoaderContract}, {@link dev.books.testkit.RequestLogContract} and
 * {@link dev.books.testkit.ConsistencyTokensContract}, the suites every {@link dev.books.domain.BookRepository},
 * {@link dev.books.domain.BookBulkLoader}, {@link dev.books.domain.RequestLog} and
 * {@link dev.books.domain.ConsistencyTokens} must pass,
 * {@link dev.books.testkit.ForwardingBookRepository}, the base for test doubles that change one behaviour of a
 * store, and {@link dev.books.testkit.MutableClock}.
 */
package dev.books.testkit;
