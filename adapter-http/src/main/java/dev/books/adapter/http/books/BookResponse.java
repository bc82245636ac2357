package dev.books.adapter.http.books;

import dev.books.domain.Book;
import dev.books.domain.Category;
import dev.books.domain.Isbn;
import dev.books.domain.PublicationYear;
import java.time.Instant;

/** A book as the API shows it, with who created it and who made this version; absent optional fields are null. */
record BookResponse(
        String id,
        String title,
        String author,
        String category,
        String isbn,
        Integer publishedYear,
        long version,
        Instant createdAt,
        Instant updatedAt,
        String createdBy,
        String updatedBy) {

    static BookResponse of(Book book) {
        return new BookResponse(
                book.id().toString(),
                book.title().value(),
                book.author().value(),
                book.category().map(Category::value).orElse(null),
                book.isbn().map(Isbn::value).orElse(null),
                book.publishedYear().map(PublicationYear::value).orElse(null),
                book.version(),
                book.createdAt(),
                book.updatedAt(),
                book.createdBy().name(),
                book.updatedBy().name());
    }
}
