package dev.books.adapter.postgres;

import dev.books.domain.BookQuery;
import dev.books.domain.Cursor;
import dev.books.domain.SearchText;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one SELECT that reads a page for a {@link BookQuery}: fixed SQL fragments and named parameters, never a
 * value spliced into the text. It asks for one row more than the page holds, so that the reader knows whether a
 * next page exists without a COUNT.
 *
 * <p>Recency order reads {@code books_newest_idx} (or the author/category index) from the keyset position on;
 * never OFFSET. Search order selects the books that have every word searched for or a slip of it
 * ({@link SearchWords}: {@code books_search_words(…) && slips} per word, which {@code books_search_words_idx}
 * answers, given the word as typed and only those of its slips {@link SearchDictionary} has) and ranks them by
 * {@code relevance}, the {@code real} pg_trgm {@code similarity()} between the book's text and the searched one,
 * both without accents: search ranking is this store's concern (ADR 0012, 0016; the testkit's fake reproduces it).
 * The keyset compares that same {@code real}, so equal scores continue by id without gaps or repeats.
 *
 * @param ranked whether rows carry a {@code relevance} column (search order)
 */
record PageStatement(String sql, Map<String, Object> parameters, boolean ranked) {

    /**
     * The most matches a search ranks (ADR 0021). A search of one common word ("the") matches most of a large
     * catalogue; ranking all of it took longer than the statement timeout at a million books (a 503, and a core
     * busy for 5 s a request). Beyond this many, the best of the first matches found are shown: the reader's next
     * word narrows the search. Every page of a search reads the same candidates, so pages stay consistent.
     */
    static final int RANKED_CANDIDATES = 5_000;

    /**
     * Builds the statement; {@code query.after()}, if present, is of the kind the query's order calls for. A search
     * asks {@code dictionary} which of its slips exist (ADR 0021) and names only those.
     */
    static PageStatement of(BookQuery query, SearchDictionary.Lookup dictionary) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> filters = new ArrayList<>();
        query.title().ifPresent(title -> {
            filters.add("title_key = :titleKey");
            parameters.put("titleKey", title.matchKey());
        });
        query.author().ifPresent(author -> {
            filters.add("author_key = :authorKey");
            parameters.put("authorKey", author.matchKey());
        });
        query.category().ifPresent(category -> {
            filters.add("category_key = :categoryKey");
            parameters.put("categoryKey", category.matchKey());
        });
        // One row beyond the page tells whether there is a next one.
        parameters.put("limit", (long) query.limit() + 1);
        return query.text().isPresent()
                ? ranked(query, SearchWords.of(query.text().get()).known(dictionary), query.text().get(), filters,
                        parameters)
                : byRecency(query, filters, parameters);
    }

    private static PageStatement byRecency(BookQuery query, List<String> conditions, Map<String, Object> parameters) {
        query.after().ifPresent(after -> {
            Cursor.ByRecency position = (Cursor.ByRecency) after;
            conditions.add("(created_at, id) < (:afterCreatedAt, :afterId)");
            parameters.put("afterCreatedAt", position.createdAt().atOffset(ZoneOffset.UTC));
            parameters.put("afterId", position.id().value());
        });
        String sql = "SELECT " + BookRow.COLUMNS + "\nFROM books"
                + where(conditions)
                + "\nORDER BY created_at DESC, id DESC"
                + "\nLIMIT :limit";
        return new PageStatement(sql, parameters, false);
    }

    private static PageStatement ranked(BookQuery query, SearchWords words, SearchText text, List<String> filters,
            Map<String, Object> parameters) {
        List<String> matching = new ArrayList<>();
        if (words.slips().isEmpty()) {
            // Punctuation alone: no word to look for, so no book to find.
            matching.add("FALSE");
        }
        for (int i = 0; i < words.slips().size(); i++) {
            // One condition per word: GIN checks them all in one scan, each against its own short list (the word
            // as typed and those of its slips the dictionary has: one to three, most often).
            matching.add("books_search_words(search_words, title_key, author_key) && CAST(:word" + i
                    + " AS text[])");
            parameters.put("word" + i, words.slips().get(i).toArray(String[]::new));
        }
        matching.addAll(filters);
        parameters.put("text", text.matchKey());

        List<String> ranking = new ArrayList<>();
        query.after().ifPresent(after -> {
            Cursor.ByRelevance position = (Cursor.ByRelevance) after;
            ranking.add("(relevance < CAST(:afterRelevance AS real)"
                    + " OR (relevance = CAST(:afterRelevance AS real) AND id > :afterId))");
            // A float widened to double is exact, and so is the cast back to real.
            parameters.put("afterRelevance", (double) position.relevance());
            parameters.put("afterId", position.id().value());
        });
        String sql = "SELECT " + BookRow.COLUMNS + ", relevance"
                + "\nFROM (SELECT " + BookRow.COLUMNS + ","
                + "\n             similarity(books_search_text(title_key, author_key), books_search_text(:text))"
                + " AS relevance"
                + "\n      FROM books"
                + "\n      WHERE " + String.join("\n        AND ", matching)
                + "\n      LIMIT " + RANKED_CANDIDATES + ") AS matches"
                + where(ranking)
                + "\nORDER BY relevance DESC, id ASC"
                + "\nLIMIT :limit";
        return new PageStatement(sql, parameters, true);
    }

    private static String where(List<String> conditions) {
        return conditions.isEmpty() ? "" : "\nWHERE " + String.join("\n  AND ", conditions);
    }
}
