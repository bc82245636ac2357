/**
 * The driving adapter for the command line: {@link dev.books.adapter.cli.ImportCommand} loads a JSON array or NDJSON
 * file of books through the {@link dev.books.application.ImportBooks} use case, reporting progress and rejected
 * records to the person at the terminal; {@link dev.books.adapter.cli.ExportCommand} writes the catalogue as NDJSON
 * through {@link dev.books.application.ExportBooks}; {@link dev.books.adapter.cli.KeysCommand} manages API keys through
 * {@link dev.books.access.ApiKeys}. The bootstrap parses the arguments and wires the commands;
 * the file formats ({@link dev.books.adapter.cli.BookRecordReader}, {@link dev.books.adapter.cli.NdjsonBookWriter})
 * stay in here. Depends on the application, access control and Jackson's streaming core only.
 */
package dev.books.adapter.cli;
