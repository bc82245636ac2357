package dev.books.domain;

/** No book has this id (it never existed, or it was deleted). */
@SuppressWarnings("serial") // never serialised
public final class BookNotFoundException extends BookException {

    /** This refusal's {@link #code()}. */
    public static final String CODE = "book-not-found";

    private final BookId id;

    public BookNotFoundException(BookId id) {
        super("no book with id " + id);
        this.id = id;
    }

    public BookId id() {
        return id;
    }

    @Override
    public String code() {
        return CODE;
    }
}
