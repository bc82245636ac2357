package dev.books.application;

/** Driving port: read the catalogue a page at a time, filtered exactly or searched fuzzily. */
public interface ListBooks {

    /** Page size when the client names none. */
    int DEFAULT_LIMIT = 20;
    /** The largest page a client may ask for. */
    int MAX_LIMIT = 100;

    /** @throws dev.books.domain.InvalidQueryException listing every malformed parameter */
    BookListing list(ListBooksQuery query);
}
