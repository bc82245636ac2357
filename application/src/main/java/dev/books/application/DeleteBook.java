package dev.books.application;

/** Driving port: remove a book from the catalogue. */
public interface DeleteBook {

    /**
     * @throws dev.books.domain.BookNotFoundException    when no book has the id
     * @throws dev.books.domain.VersionConflictException when an expected version is given and is not current
     */
    void delete(DeleteBookCommand command);
}
