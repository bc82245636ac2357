/**
 * The JSON binding of a book's fields, shared by every driving adapter that reads books as JSON (the HTTP API's
 * bodies, the command-line import's files): {@link dev.books.json.BookJson} reads the five fields of a book from an
 * object with Jackson's streaming parser and hands them over as the use cases' commands, with what it found wrong
 * on the way. It checks the JSON only (types, fields a book does not have, read-only fields); the rules of a book
 * are the use cases' to apply.
 */
package dev.books.json;
