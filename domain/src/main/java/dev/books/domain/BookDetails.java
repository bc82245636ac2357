package dev.books.domain;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a book says about itself: everything a client may set and change. */
public record BookDetails(
        Title title,
        Author author,
        Optional<Category> category,
        Optional<Isbn> isbn,
        Optional<PublicationYear> publishedYear) {

    /** The fields as a client names them, in the order their failures are reported. */
    public static final List<String> FIELDS = List.of("title", "author", "category", "isbn", "publishedYear");

    public BookDetails {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(isbn, "isbn");
        Objects.requireNonNull(publishedYear, "publishedYear");
    }

    /**
     * Details from raw input (null for an absent optional field), with every field checked and every failure
     * reported together.
     *
     * @throws InvalidBookException listing each failing field
     */
    public static BookDetails from(
            String title, String author, String category, String isbn, Integer publishedYear, Clock clock) {
        return from(title, author, category, isbn, publishedYear, clock, new Violations());
    }

    /**
     * As {@link #from(String, String, String, String, Integer, Clock)}, after earlier findings: a field already
     * failed there is not checked again, and the refusal lists those findings too.
     *
     * @throws InvalidBookException listing each failing field, earlier findings included
     */
    public static BookDetails from(String title, String author, String category, String isbn, Integer publishedYear,
                                   Clock clock, Violations violations) {
        Title checkedTitle = violations.attempt("title", () -> new Title(title));
        Author checkedAuthor = violations.attempt("author", () -> new Author(author));
        Category checkedCategory = category == null ? null : violations.attempt("category", () -> new Category(category));
        Isbn checkedIsbn = isbn == null ? null : violations.attempt("isbn", () -> new Isbn(isbn));
        PublicationYear checkedYear = publishedYear == null ? null
                : violations.attempt("publishedYear", () -> PublicationYear.of(publishedYear, clock));
        violations.throwIfAny();
        return new BookDetails(checkedTitle, checkedAuthor, Optional.ofNullable(checkedCategory),
                Optional.ofNullable(checkedIsbn), Optional.ofNullable(checkedYear));
    }

    /** The key that makes two books the same work (see {@link WorkKey}). */
    public WorkKey workKey() {
        return WorkKey.of(title, author);
    }
}
