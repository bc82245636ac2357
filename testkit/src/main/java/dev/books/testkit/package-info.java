/**
 * Test fixtures for Books and its embedders: {@link dev.books.testkit.InMemoryBookRepository}, a fake that
 * behaves like the real store, {@link dev.books.testkit.BookRepositoryContract}, the suite every
 * {@link dev.books.domain.BookRepository} must pass, and {@link dev.books.testkit.MutableClock}.
 */
package dev.books.testkit;
