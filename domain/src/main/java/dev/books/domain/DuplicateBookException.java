package dev.books.domain;

/** Storing the book would break a uniqueness rule; {@link #rule()} says which. */
@SuppressWarnings("serial") // never serialised
public final class DuplicateBookException extends BookException {

    /** This refusal's {@link #code()}. */
    public static final String CODE = "duplicate-book";

    /** The uniqueness rules of the catalogue. */
    public enum Rule {
        /** An ISBN identifies one book. */
        ISBN("a book with this ISBN already exists"),
        /**
         * Two books are the same work when their titles and authors are equal ignoring case, spacing and Unicode
         * form.
         */
        TITLE_AND_AUTHOR("a book with this title and author already exists");

        private final String description;

        Rule(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Rule rule;

    public DuplicateBookException(Rule rule) {
        super(rule.description());
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }

    @Override
    public String code() {
        return CODE;
    }
}
