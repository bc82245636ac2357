package org.example.bookshelf.adapter.sqlite;

import dev.books.domain.Book;
import dev.books.domain.BookId;
import dev.books.domain.BulkLoad;
import dev.books.domain.DuplicateBookException;
import dev.books.domain.Isbn;
import dev.books.domain.SkippedBook;
import dev.books.domain.WorkKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One bulk load into a {@link SqliteBookRepository}: the books it keeps wait in memory until {@link #commit()}
 * stores them in one transaction, and their ISBNs and works are taken meanwhile (a writer that comes for one is
 * refused as a duplicate). Simple rather than lean: a load of millions of books would want a staging table.
 */
final class SqliteLoad implements BulkLoad {

    private final SqliteBookRepository store;
    private final List<Book> kept = new ArrayList<>();
    private final Set<BookId> ids = new HashSet<>();
    private final Set<Isbn> isbns = new HashSet<>();
    private final Set<WorkKey> works = new HashSet<>();
    private boolean open = true;

    SqliteLoad(SqliteBookRepository store) {
        this.store = store;
    }

    @Override
    public List<SkippedBook> add(List<Book> books) {
        return store.writing(() -> {
            requireOpen();
            List<SkippedBook> skipped = new ArrayList<>();
            for (Book book : books) {
                if (ids.contains(book.id()) || store.isStored(book.id())) {
                    throw new IllegalStateException("id " + book.id() + " is already taken");
                }
                Optional<DuplicateBookException.Rule> rule = first(store.ruleBrokenBy(book), ruleReservedAgainst(book));
                if (rule.isPresent()) {
                    skipped.add(new SkippedBook(book, rule.get()));
                } else {
                    kept.add(book);
                    ids.add(book.id());
                    book.isbn().ifPresent(isbns::add);
                    works.add(book.workKey());
                }
            }
            return skipped;
        });
    }

    @Override
    public void commit() {
        store.writing(() -> {
            requireOpen();
            store.commit(kept);
            end();
            return null;
        });
    }

    @Override
    public void close() {
        store.writing(() -> {
            if (open) {
                end();
            }
            return null;
        });
    }

    /** The rule a book would break against what this load kept, ISBN first. */
    Optional<DuplicateBookException.Rule> ruleReservedAgainst(Book book) {
        if (book.isbn().map(isbns::contains).orElse(false)) {
            return Optional.of(DuplicateBookException.Rule.ISBN);
        }
        return works.contains(book.workKey()) ? Optional.of(DuplicateBookException.Rule.TITLE_AND_AUTHOR)
                : Optional.empty();
    }

    /** ISBN when either names it, as insert reports a book that breaks both rules. */
    private static Optional<DuplicateBookException.Rule> first(Optional<DuplicateBookException.Rule> stored,
                                                               Optional<DuplicateBookException.Rule> reserved) {
        if (stored.equals(Optional.of(DuplicateBookException.Rule.ISBN)) || reserved.isEmpty()) {
            return stored;
        }
        return stored.isEmpty() || reserved.get() == DuplicateBookException.Rule.ISBN ? reserved : stored;
    }

    private void end() {
        open = false;
        store.ended(this);
    }

    private void requireOpen() {
        if (!open) {
            throw new IllegalStateException("the load has ended");
        }
    }
}
