/**
 * Test fixtures for Books and its embedders: {@link dev.books.testkit.InMemoryBookRepository}, a fake that
 * behaves like the real store, {@link dev.books.testkit.BookRepositoryContract} and
 * {@link dev.books.testkit.BookBulkLoaderContract}, the suites every {@link dev.books.domain.BookRepository} and
 * {@link dev.books.domain.BookBulkLoader} must pass, {@link dev.books.testkit.ForwardingBookRepository}, the base
 * for test doubles that change one behaviour of a store, and {@link dev.books.testkit.MutableClock}.
 */
package dev.books.testkit;
