-- The dictionary of the books' search words (ADR 0021): every word books_search_words gives for a stored book, once.
--
-- A search spells out ≈ 275 slips of each word typed (SearchWords); nearly all are words no book has. Handed to the
-- GIN index as they are, they cost PostgreSQL ≈ 26 ms a search at a million books, most of it GIN walking every
-- posting list against every slip (docs/performance.md). The search now asks this table first which slips exist
-- (a B-tree probe each, ≈ 1 µs) and hands GIN only those: one to three a word.
--
-- The invariant the search relies on: every word of every stored book is here. The service's writes keep it (the
-- INSERT and UPDATE of JdbiBookRepository add the book's words in the same statement; a bulk load adds each
-- batch's words, committed before the books are: SearchDictionary). Words are never taken out: a word of a deleted
-- or retitled book costs one more probe and finds nothing, which is harmless, and no writer ever waits for a delete.
-- A search always hands GIN the words exactly as typed as well, so a book is found by its exact words even if a
-- writer that does not know this table (an instance of an older version during a rolling upgrade) stored it.
--
-- COLLATE "C": equality is the same in every deterministic collation, and the probes compare bytes.

CREATE TABLE search_dictionary (
    word text COLLATE "C" PRIMARY KEY
);

COMMENT ON TABLE search_dictionary IS
    'Every word of books_search_words(title_key, author_key) of the stored books (words are never removed): '
    'the search looks its slips up here before asking the books_search_words_idx GIN index (ADR 0021)';

INSERT INTO search_dictionary (word)
SELECT DISTINCT word
FROM books, unnest(books_search_words(title_key, author_key)) AS word;
