/**
 * Who may do what. {@link dev.books.access.Scope scopes} name what a principal may do; a
 * {@link dev.books.access.Principal principal} is an authenticated caller with its scopes and the
 * {@link dev.books.domain.Actor actor} its changes are attributed to; {@link dev.books.access.ApiKeys} creates,
 * lists, revokes and checks API keys, kept by an {@link dev.books.access.ApiKeyStore} (a driven port) as hashes only.
 * How a principal is established from a request (a token, a key header) is a driving adapter's business.
 */
package dev.books.access;
