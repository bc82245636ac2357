/**
 * The use cases of Books as driving ports, one interface each ({@link dev.books.application.CreateBook},
 * {@link dev.books.application.GetBook}, {@link dev.books.application.ListBooks},
 * {@link dev.books.application.UpdateBook}, {@link dev.books.application.DeleteBook}, for many books at once
 * {@link dev.books.application.ImportBooks} and {@link dev.books.application.ExportBooks}, and for idempotency keys
 * {@link dev.books.application.IdempotentRequests} and {@link dev.books.application.PurgeExpiredKeys}, and for
 * read-your-writes over read replicas {@link dev.books.application.ConsistentReads}), their
 * commands and results, and the factories that hand them out, {@link dev.books.application.BookUseCases},
 * {@link dev.books.application.BulkUseCases} and {@link dev.books.application.IdempotencyUseCases}. The
 * implementations are package-private. Depends on the domain only.
 */
package dev.books.application;
