/**
 * The Books HTTP API, a driving adapter: {@link dev.books.adapter.http.HttpApi} builds a Javalin app that parses
 * requests, calls one use case each and answers JSON, every failure as an RFC 9457 problem.
 */
package dev.books.adapter.http;
