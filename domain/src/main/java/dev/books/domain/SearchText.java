package dev.books.domain;

/**
 * What a reader typed to find a book by its title or author, fuzzily: how near a book must come, and in what order
 * the near ones are listed, is the store's to say (ADR 0012).
 *
 * <p>Normalised and checked like a title (composed Unicode form, whitespace collapsed, something visible), so that
 * a text typed with decomposed accents meets the composed titles and authors it is compared with.
 */
public record SearchText(String value) {

    public static final int MAX_LENGTH = 200;

    public SearchText {
        String normalized = Text.normalize(value);
        String problem = Text.problem(normalized, MAX_LENGTH);
        if (problem != null) {
            throw new InvalidQueryException("q", problem);
        }
        value = normalized;
    }

    /**
     * The text in the form match keys compare titles and authors in ({@link Title#matchKey()}: compatibility form,
     * case folded, nothing invisible), so that a store can compare it with the keys it keeps.
     */
    public String matchKey() {
        return Text.matchKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
