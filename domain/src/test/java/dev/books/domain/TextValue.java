package dev.books.domain;

import java.util.function.Function;

/**
 * Title, Author and Category share their text rules; tests that hold for all three run once per value through
 * this enum, which names each one's field and limit as the API documents them.
 */
enum TextValue {

    TITLE("title", 200, raw -> new Title(raw).value(), raw -> new Title(raw).matchKey()),
    AUTHOR("author", 200, raw -> new Author(raw).value(), raw -> new Author(raw).matchKey()),
    CATEGORY("category", 50, raw -> new Category(raw).value(), raw -> new Category(raw).matchKey());

    final String field;
    final int maxLength;
    private final Function<String, String> make;
    private final Function<String, String> matchKey;

    TextValue(String field, int maxLength, Function<String, String> make, Function<String, String> matchKey) {
        this.field = field;
        this.maxLength = maxLength;
        this.make = make;
        this.matchKey = matchKey;
    }

    /** The checked value made from raw input, or an {@link InvalidBookException}. */
    String of(String raw) {
        return make.apply(raw);
    }

    /** The match key of the value made from raw input. */
    String matchKeyOf(String raw) {
        return matchKey.apply(raw);
    }
}
