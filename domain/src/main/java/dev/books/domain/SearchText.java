package dev.books.domain;

/**
 * What a reader typed to find a book by its title or author, matched fuzzily: a book's relevance is the best
 * {@linkplain TrigramSimilarity trigram similarity} of its title or its author to the text, and books below
 * {@link #THRESHOLD} do not match (pg_trgm's default {@code similarity_threshold}).
 *
 * <p>Normalised and checked like a title (composed Unicode form, whitespace collapsed, something visible), so that
 * a text typed with decomposed accents meets the composed titles and authors it is compared with.
 */
public record SearchText(String value) {

    /** The least relevance a match must have; compared as pg_trgm compares it ({@code float4 >= float8}). */
    public static final double THRESHOLD = 0.3;
    public static final int MAX_LENGTH = 200;

    public SearchText {
        String normalized = Text.normalize(value);
        String problem = Text.problem(normalized, MAX_LENGTH);
        if (problem != null) {
            throw new InvalidQueryException("q", problem);
        }
        value = normalized;
    }

    /** {@code greatest(similarity(title, text), similarity(author, text))}. */
    public float relevanceOf(Book book) {
        return Math.max(
                TrigramSimilarity.similarity(book.title().value(), value),
                TrigramSimilarity.similarity(book.author().value(), value));
    }

    public boolean matches(float relevance) {
        return relevance >= THRESHOLD;
    }

    @Override
    public String toString() {
        return value;
    }
}
