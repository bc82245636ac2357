/**
 * The use cases of Books as driving ports, one interface each ({@link dev.books.application.CreateBook},
 * {@link dev.books.application.GetBook}, {@link dev.books.application.ListBooks},
 * {@link dev.books.application.UpdateBook}, {@link dev.books.application.DeleteBook}), their commands and
 * results, and {@link dev.books.application.BookUseCases}, the one factory that hands them out. The
 * implementations are package-private. Depends on the domain only.
 */
package dev.books.application;
