/**
 * The pure core of Books: the {@link dev.books.domain.Book} model, its value objects and invariants, and the
 * driven ports {@link dev.books.domain.BookRepository} and {@link dev.books.domain.BookBulkLoader}. Depends on nothing
 * but the JDK; other projects embed it.
 */
package dev.books.domain;
