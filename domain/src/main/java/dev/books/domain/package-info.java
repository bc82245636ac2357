/**
 * The pure core of Books: the {@link dev.books.domain.Book} model, its value objects and invariants, and the
 * driven port {@link dev.books.domain.BookRepository}. Depends on nothing but the JDK; other projects embed it.
 */
package dev.books.domain;
