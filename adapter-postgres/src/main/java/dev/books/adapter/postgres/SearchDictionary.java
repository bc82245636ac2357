package dev.books.adapter.postgres;

import dev.books.domain.Book;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The dictionary of search words ({@code search_dictionary}, V6, ADR 0021): every word {@code books_search_words}
 * gives for a stored book, once. A search looks the slips of each word typed up here, and hands the GIN index of
 * the books' words only the slips that exist ({@link PageStatement}).
 *
 * <p>The invariant the search relies on: <b>every word of every stored book is in the dictionary</b> by the time
 * the book can be read. Each way a book is written keeps it:
 * <ul>
 *   <li>a book inserted or updated by {@link JdbiBookRepository}: its words are added by the same statement
 *       ({@link #withWordsOf}), so they commit, or roll back, with it;</li>
 *   <li>a bulk load: the words are added on a connection of their own, committed before the load's books are:
 *       batch by batch ({@link #forLoad}), or, for a {@link SwapLoad}, from its fresh table once it is filled and
 *       committed, beside its index builds ({@link #addWordsOfTable}). Were they added in the load's transaction,
 *       every writer adding one of the same new words would wait for the whole load to end.</li>
 * </ul>
 * Words are never removed: a word of a deleted or retitled book costs a search one more B-tree probe and finds
 * nothing, and a load that fails leaves only such words behind. New words are added in sorted order by every
 * writer, so two writers adding the same new words wait for each other in one order and cannot deadlock.
 */
final class SearchDictionary implements AutoCloseable {

    /**
     * The words of rows with {@code title_key} and {@code author_key} columns, distinct and sorted; {@code words}
     * the expression of a row's words.
     */
    private static final String ADD_WORDS = """
            INSERT INTO search_dictionary (word)
            SELECT DISTINCT word FROM %s, unnest(%s) AS word
            ORDER BY word
            ON CONFLICT DO NOTHING""";

    /** A row's words, as Java gave them ({@link #wordsOf}) or else as PostgreSQL computes them (V7). */
    private static final String WORDS_OF_ROW = "books_search_words(%s, title_key, author_key)";

    /** Parameters: the books' keys, and their words where {@link #wordsOf} knows them (joined by spaces). */
    static final String ADD_WORDS_OF_KEYS = ADD_WORDS.formatted(
            "unnest(CAST(:titleKeys AS text[]), CAST(:authorKeys AS text[]), CAST(:knownWords AS text[]))"
                    + " AS book (title_key, author_key, known_words)",
            WORDS_OF_ROW.formatted("string_to_array(known_words, ' ')"));

    static final String KNOWN = "SELECT word FROM search_dictionary WHERE word = ANY(CAST(:words AS text[]))";

    /** Which of some words the dictionary has. */
    @FunctionalInterface
    interface Lookup {
        Set<String> known(Collection<String> words);
    }

    private final Jdbi jdbi;
    /** The load's words go in on this thread, beside its own work (one batch behind at most). */
    private ExecutorService adder;
    private Handle handle;
    private Future<?> inFlight = CompletableFuture.completedFuture(null);

    private SearchDictionary(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * {@code write}, an {@code INSERT} or {@code UPDATE} of one book ({@link BookRow}'s parameters, the stored words
     * {@code :searchWords} among them) ending in {@code RETURNING columns}, as one statement that also adds the
     * book's words, and returns what {@code write} returned.
     */
    static String withWordsOf(String write, String columns) {
        return "WITH written AS (\n" + write + "\n), words AS (\n"
                + ADD_WORDS.formatted("written", WORDS_OF_ROW.formatted("CAST(:searchWords AS text[])"))
                + "\n)\nSELECT " + columns + " FROM written";
    }

    /**
     * A book's words exactly as {@code books_search_words(title_key, author_key)} (V5) gives them, where Java can
     * tell them without PostgreSQL: when both keys are ASCII. They are what {@code books.search_words} stores (V7).
     * {@code unaccent} leaves ASCII as it is, and an ASCII character is a letter or digit ({@code [[:alnum:]]}) in
     * every locale exactly when Java says so; the words are then the runs of letters and digits of
     * "title_key author_key", and each two neighbours written together ({@link SearchWords#ofBook}). Null for any
     * other key: PostgreSQL computes those words itself (≈ 50–100 µs a book, which this saves).
     */
    static String[] wordsOf(String titleKey, String authorKey) {
        String text = titleKey + " " + authorKey;
        if (!text.chars().allMatch(c -> c < 0x80)) {
            return null;
        }
        return SearchWords.ofBook(text).toArray(String[]::new);
    }

    /**
     * The dictionary as a search reads it, on the search's own handle (a replica's, for a read routed there): one
     * statement, a B-tree probe per word asked (≈ 1,100 for a search of four words, about a millisecond).
     */
    static Lookup on(Handle handle) {
        return words -> Set.copyOf(handle.createQuery(KNOWN).bind("words", words.toArray(String[]::new))
                .mapTo(String.class).list());
    }

    /**
     * The dictionary as a bulk load that stores books batch by batch adds to it: on a connection of its own (opened
     * at the first batch), each batch's words committed in a transaction of their own, all of them before the load
     * commits ({@link #add}, {@link #awaitAdded}).
     */
    static SearchDictionary forLoad(Jdbi jdbi) {
        return new SearchDictionary(jdbi);
    }

    /**
     * The statement that adds the words of every book in {@code table}, a committed table of books (a
     * {@link SwapLoad}'s fresh one): all at once, one sorted pass, however many books share a word.
     */
    static String addWordsOfTable(String table) {
        return ADD_WORDS.formatted(table, WORDS_OF_ROW.formatted("search_words"));
    }

    /**
     * Adds the words of these books, in a transaction of their own, on a thread of its own while the caller stores
     * the batch (a second core computes the words: ≈ 100 µs a book). Waits first for the previous batch's words,
     * whose failure it throws. {@link #awaitAdded} must return before the load's books are committed.
     */
    void add(List<Book> books) {
        String[] titleKeys = new String[books.size()];
        String[] authorKeys = new String[books.size()];
        String[] knownWords = new String[books.size()];
        for (int i = 0; i < books.size(); i++) {
            titleKeys[i] = books.get(i).title().matchKey();
            authorKeys[i] = books.get(i).author().matchKey();
            String[] words = wordsOf(titleKeys[i], authorKeys[i]);
            knownWords[i] = words == null ? null : String.join(" ", words);
        }
        awaitAdded();
        if (adder == null) {
            adder = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "books-search-dictionary");
                thread.setDaemon(true);
                return thread;
            });
        }
        inFlight = adder.submit(() -> {
            if (handle == null) {
                handle = jdbi.open();
            }
            handle.createUpdate(ADD_WORDS_OF_KEYS).bind("titleKeys", titleKeys).bind("authorKeys", authorKeys)
                    .bind("knownWords", knownWords).execute();
        });
    }

    /** Waits until every batch's words given to {@link #add} are committed; throws the failure of one that was not. */
    void awaitAdded() {
        try {
            inFlight.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("adding a batch's search words failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adding a batch's search words", e);
        }
    }

    /** Lets the words being added finish (a batch's, a fraction of a second), then closes the connection. */
    @Override
    public void close() {
        if (adder == null) {
            return;
        }
        adder.execute(() -> {
            if (handle != null) {
                handle.close();
            }
        });
        adder.shutdown();
        try {
            if (!adder.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the search words of a bulk load's last batch took over a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
