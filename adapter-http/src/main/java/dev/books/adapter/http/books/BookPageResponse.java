package dev.books.adapter.http.books;

import dev.books.application.BookListing;
import java.util.List;

/** One page of a listing or search, and the cursor of the next page (null on the last one). */
record BookPageResponse(List<BookResponse> items, String nextCursor) {

    static BookPageResponse of(BookListing page) {
        return new BookPageResponse(
                page.items().stream().map(BookResponse::of).toList(),
                page.nextCursor().orElse(null));
    }
}
