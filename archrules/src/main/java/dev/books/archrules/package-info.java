/**
 * Architecture rules that keep a hexagon honest, as ArchUnit rules over package names:
 * {@link dev.books.archrules.HexagonRules}, over the rings a {@link dev.books.archrules.Hexagon} names. Books runs
 * them against itself; a project that embeds the Books core runs them against its own adapters.
 */
package dev.books.archrules;
