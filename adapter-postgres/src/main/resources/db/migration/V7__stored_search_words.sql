-- The books' search words, stored as the service computed them (ADR 0022).
--
-- The search-words index of V5 computes every book's words with books_search_words: unaccent and three regular
-- expressions, ≈ 50–100 µs a book. Every insert and update paid that, and a bulk load paid it a million times on
-- one core while building the index (the longest part of an import into an empty catalogue), once more while adding
-- the words to the dictionary (V6). The service can spell a book's words itself whenever its match keys are ASCII
-- (unaccent leaves ASCII alone, and an ASCII character is a letter or digit exactly when Java says so): it now
-- writes them into search_words with the row, and the index reads them from there.
--
-- Where the column is NULL the words are computed as before, by the same index expression:
--   - books stored before this migration (it does not rewrite the table: adding a NULL column is instant, and
--     readers go on while the index is built; writers wait for that build, as for V5's);
--   - books whose keys are not ASCII ("garcía márquez"): PostgreSQL's unaccent decides those words;
--   - books written by an instance of an older version during a rolling upgrade (it does not know the column).
-- An older instance's UPDATE of a book a newer one stored leaves that book's stored words as they were: after a
-- rolling upgrade from a version without this column, operations.md's one statement sets them right.

ALTER TABLE books ADD COLUMN search_words text[];

COMMENT ON COLUMN books.search_words IS
    'The book''s words as books_search_words(title_key, author_key) gives them, written by the service where it '
    'can spell them (ASCII keys); NULL means "compute them" (ADR 0022)';

-- A book's words: as stored, or else computed from its keys. Not STRICT: a NULL column is the "compute" case.
CREATE FUNCTION books_search_words(stored_words text[], title_key text, author_key text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN coalesce(stored_words, books_search_words(title_key, author_key));

CREATE INDEX books_search_words_stored_idx ON books
    USING gin (books_search_words(search_words, title_key, author_key)) WITH (fastupdate = off);
DROP INDEX books_search_words_idx;
ALTER INDEX books_search_words_stored_idx RENAME TO books_search_words_idx;
