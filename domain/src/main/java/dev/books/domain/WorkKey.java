package dev.books.domain;

import java.util.Objects;

/**
 * The duplicate rule as a value: two books are the same work when their titles and their authors are equal
 * ignoring case, repeated whitespace, invisible characters and Unicode form (their {@linkplain Title#matchKey()
 * match keys} are equal; ADR 0009). Stores index these two strings (a unique index over both) so that the rule holds
 * under concurrent writers without a prior read.
 */
public record WorkKey(String title, String author) {

    public WorkKey {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(author, "author");
    }

    public static WorkKey of(Title title, Author author) {
        return new WorkKey(title.matchKey(), author.matchKey());
    }
}
