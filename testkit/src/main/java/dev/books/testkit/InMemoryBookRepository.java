package dev.books.testkit;

import dev.books.domain.Actor;
import dev.books.domain.Book;
import dev.books.domain.BookBulkLoader;
import dev.books.domain.BookId;
import dev.books.domain.BookNotFoundException;
import dev.books.domain.BookPage;
import dev.books.domain.BookQuery;
import dev.books.domain.BookRepository;
import dev.books.domain.BulkLoad;
import dev.books.domain.Cursor;
import dev.books.domain.DuplicateBookException;
import dev.books.domain.Isbn;
import dev.books.domain.SearchText;
import dev.books.domain.SkippedBook;
import dev.books.domain.StoreUnavailableException;
import dev.books.domain.VersionConflictException;
import dev.books.domain.WorkKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A {@link BookRepository} and {@link BookBulkLoader} in memory that behaves like the PostgreSQL one: the same
 * uniqueness rules, the same orders, the same relevance scores (pg_trgm's, by {@link TrigramSimilarity}), the same
 * version checks, atomically (every method holds one lock, {@link #change}'s revision included). Passes
 * {@link BookRepositoryContract} and {@link BookBulkLoaderContract}. For tests and demos; it forgets everything
 * when the JVM stops.
 *
 * <p>A bulk load keeps its books to itself until it commits, but reserves their ISBNs and works at once: a writer
 * that meets a reserved one is refused as a duplicate straight away (PostgreSQL would make it wait for the load to
 * end, and then refuse it if the load committed).
 *
 * <p>{@link #setAvailable(boolean) setAvailable(false)} makes every call fail as an unreachable database would.
 */
public final class InMemoryBookRepository implements BookRepository, BookBulkLoader {

    private static final Comparator<Book> NEWEST_FIRST =
            Comparator.comparing(Book::createdAt).thenComparing(Book::id).reversed();

    private final Map<BookId, Book> books = new HashMap<>();
    private final Map<Isbn, BookId> byIsbn = new HashMap<>();
    private final Map<WorkKey, BookId> byWork = new HashMap<>();
    private final List<Deletion> deletions = new ArrayList<>();
    private volatile boolean available = true;
    private Load openLoad;

    /** While false, every call throws {@link StoreUnavailableException}, as when the database is down. */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    /** How many books are stored. */
    public synchronized int size() {
        requireAvailable();
        return books.size();
    }

    @Override
    public synchronized Book insert(Book book) {
        requireAvailable();
        if (books.containsKey(book.id())) {
            throw new IllegalStateException("id " + book.id() + " is already taken");
        }
        requireUnique(book);
        index(book);
        return book;
    }

    @Override
    public synchronized Optional<Book> findById(BookId id) {
        requireAvailable();
        return Optional.ofNullable(books.get(id));
    }

    @Override
    public synchronized BookPage find(BookQuery query) {
        requireAvailable();
        return query.text().isPresent() ? search(query, query.text().get()) : newest(query);
    }

    /** A copy taken under the lock is the snapshot; the action runs outside it, free to write. */
    @Override
    public void forEachBook(Consumer<? super Book> action) {
        List<Book> snapshot;
        synchronized (this) {
            requireAvailable();
            snapshot = new ArrayList<>(books.values());
        }
        snapshot.sort(NEWEST_FIRST);
        snapshot.forEach(action);
    }

    @Override
    public synchronized Book update(Book revised, long expectedVersion) {
        requireAvailable();
        Book stored = requireVersion(revised.id(), OptionalLong.of(expectedVersion));
        unindex(stored);
        try {
            requireUnique(revised);
        } catch (DuplicateBookException e) {
            index(stored);
            throw e;
        }
        index(revised);
        return revised;
    }

    /** The revision runs under this repository's one lock, as PostgreSQL runs it under the book's row lock. */
    @Override
    public synchronized Book change(BookId id, UnaryOperator<Book> revision) {
        requireAvailable();
        Book current = requireVersion(id, OptionalLong.empty());
        Book revised = revision.apply(current);
        if (revised.equals(current)) {
            return current;
        }
        if (!revised.isNextVersionOf(current)) {
            throw new IllegalArgumentException("a revision of book " + id + " returned neither it nor its next version");
        }
        return update(revised, current.version());
    }

    @Override
    public synchronized void delete(BookId id, OptionalLong expectedVersion, Actor actor) {
        requireAvailable();
        Book deleted = requireVersion(id, expectedVersion);
        unindex(deleted);
        deletions.add(new Deletion(deleted.id(), deleted.version(), actor));
    }

    /** The trace of every deletion so far, oldest first. */
    public synchronized List<Deletion> deletions() {
        return List.copyOf(deletions);
    }

    /** A deleted book's trace: which, at which version, by whom. */
    public record Deletion(BookId id, long version, Actor actor) {
    }

    @Override
    public synchronized BulkLoad begin() {
        requireAvailable();
        if (openLoad != null) {
            throw new StoreUnavailableException("another bulk load is in progress", null);
        }
        openLoad = new Load();
        return openLoad;
    }

    private BookPage newest(BookQuery query) {
        List<Book> matching = new ArrayList<>();
        for (Book book : books.values()) {
            if (passesFilters(book, query) && isAfter(book, query.after())) {
                matching.add(book);
            }
        }
        matching.sort(NEWEST_FIRST);
        if (matching.size() <= query.limit()) {
            return new BookPage(matching, Optional.empty());
        }
        Book last = matching.get(query.limit() - 1);
        return new BookPage(matching.subList(0, query.limit()),
                Optional.of(new Cursor.ByRecency(last.createdAt(), last.id())));
    }

    private BookPage search(BookQuery query, SearchText text) {
        List<Hit> hits = new ArrayList<>();
        for (Book book : books.values()) {
            float relevance = TrigramSimilarity.relevance(book, text);
            if (TrigramSimilarity.isMatch(relevance) && passesFilters(book, query)) {
                Hit hit = new Hit(book, relevance);
                if (hit.isAfter(query.after())) {
                    hits.add(hit);
                }
            }
        }
        hits.sort(Hit.BEST_FIRST);
        List<Book> page = hits.stream().limit(query.limit()).map(Hit::book).toList();
        if (hits.size() <= query.limit()) {
            return new BookPage(page, Optional.empty());
        }
        Hit last = hits.get(query.limit() - 1);
        return new BookPage(page, Optional.of(new Cursor.ByRelevance(last.relevance(), last.book().id())));
    }

    private static boolean passesFilters(Book book, BookQuery query) {
        return query.title().map(title -> title.matchKey().equals(book.title().matchKey())).orElse(true)
                && query.author().map(author -> author.matchKey().equals(book.author().matchKey())).orElse(true)
                && query.category().map(category -> book.category()
                        .map(own -> own.matchKey().equals(category.matchKey())).orElse(false)).orElse(true);
    }

    private static boolean isAfter(Book book, Optional<Cursor> after) {
        if (after.isEmpty()) {
            return true;
        }
        Cursor.ByRecency position = (Cursor.ByRecency) after.get();
        int byTime = book.createdAt().compareTo(position.createdAt());
        return byTime < 0 || (byTime == 0 && book.id().compareTo(position.id()) < 0);
    }

    private Book requireVersion(BookId id, OptionalLong expectedVersion) {
        Book stored = books.get(id);
        if (stored == null) {
            throw new BookNotFoundException(id);
        }
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != stored.version()) {
            throw new VersionConflictException(id, expectedVersion.getAsLong());
        }
        return stored;
    }

    private void requireUnique(Book book) {
        duplicateRule(book).ifPresent(rule -> {
            throw new DuplicateBookException(rule);
        });
    }

    /** The rule a new book would break against the stored books and an open load's reservations, ISBN first. */
    private Optional<DuplicateBookException.Rule> duplicateRule(Book book) {
        if (book.isbn().map(isbn -> byIsbn.containsKey(isbn) || (openLoad != null && openLoad.isbns.contains(isbn)))
                .orElse(false)) {
            return Optional.of(DuplicateBookException.Rule.ISBN);
        }
        if (byWork.containsKey(book.workKey()) || (openLoad != null && openLoad.works.contains(book.workKey()))) {
            return Optional.of(DuplicateBookException.Rule.TITLE_AND_AUTHOR);
        }
        return Optional.empty();
    }

    private void index(Book book) {
        books.put(book.id(), book);
        book.isbn().ifPresent(isbn -> byIsbn.put(isbn, book.id()));
        byWork.put(book.workKey(), book.id());
    }

    private void unindex(Book book) {
        books.remove(book.id());
        book.isbn().ifPresent(byIsbn::remove);
        byWork.remove(book.workKey());
    }

    private void requireAvailable() {
        if (!available) {
            throw new StoreUnavailableException("the in-memory store is switched off", null);
        }
    }

    /** The open bulk load: its kept books, invisible until commit, and the keys it reserves meanwhile. */
    private final class Load implements BulkLoad {

        private final List<Book> kept = new ArrayList<>();
        private final Set<BookId> ids = new HashSet<>();
        private final Set<Isbn> isbns = new HashSet<>();
        private final Set<WorkKey> works = new HashSet<>();
        private boolean open = true;

        @Override
        public List<SkippedBook> add(List<Book> batch) {
            synchronized (InMemoryBookRepository.this) {
                requireOpen();
                requireAvailable();
                List<SkippedBook> skipped = new ArrayList<>();
                for (Book book : batch) {
                    if (books.containsKey(book.id()) || ids.contains(book.id())) {
                        throw new IllegalStateException("id " + book.id() + " is already taken");
                    }
                    Optional<DuplicateBookException.Rule> rule = duplicateRule(book);
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
            }
        }

        @Override
        public void commit() {
            synchronized (InMemoryBookRepository.this) {
                requireOpen();
                requireAvailable();
                end();
                kept.forEach(InMemoryBookRepository.this::index);
            }
        }

        @Override
        public void close() {
            synchronized (InMemoryBookRepository.this) {
                if (open) {
                    end();
                }
            }
        }

        private void end() {
            open = false;
            openLoad = null;
        }

        private void requireOpen() {
            if (!open) {
                throw new IllegalStateException("the load has ended");
            }
        }
    }

    /** A search result: the book and its relevance, ordered best first, then by id ascending. */
    private record Hit(Book book, float relevance) {

        static final Comparator<Hit> BEST_FIRST = Comparator.comparing(Hit::relevance).reversed()
                .thenComparing(hit -> hit.book().id());

        boolean isAfter(Optional<Cursor> after) {
            if (after.isEmpty()) {
                return true;
            }
            Cursor.ByRelevance position = (Cursor.ByRelevance) after.get();
            int byRelevance = Float.compare(relevance, position.relevance());
            return byRelevance < 0 || (byRelevance == 0 && book.id().compareTo(position.id()) > 0);
        }
    }
}
