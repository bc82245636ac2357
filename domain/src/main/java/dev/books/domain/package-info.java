/**
 * The pure core of Books: the {@link dev.books.domain.Book} model, its value objects and invariants, the driven
 * ports {@link dev.books.domain.BookRepository} (with its reading half {@link dev.books.domain.BookReads}),
 * {@link dev.books.domain.BookBulkLoader} and {@link dev.books.domain.ConsistencyTokens} (read-your-writes over read
 * replicas), and the driven port {@link dev.books.domain.RequestLog} that remembers requests by idempotency key.
 * Depends on nothing but the JDK; other projects embed it.
 */
package dev.books.domain;
