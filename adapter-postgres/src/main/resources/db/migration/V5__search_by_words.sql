-- Search by words, each forgiving one typo (ADR 0016).
--
-- A search text finds the books that have, for every word of it, the word itself or one a single slip away (two
-- letters swapped, one letter missing, one extra), or the word split in two ("leguin": "le" and
-- "guin"), in their title or author, ignoring case and accents. The words of a book are its match keys (title_key,
-- author_key: case-folded in Java, ADR 0003 and 0009) without accents (unaccent) cut at everything that is not a
-- letter or a digit. The service spells out the slips of each searched word in a tsquery; the GIN index below
-- answers it in one scan. The ranking, pg_trgm's similarity() between the book's words and the searched ones, is
-- computed for the matches only.
--
-- The functions are IMMUTABLE (an index expression must be) and have SQL-standard bodies, so the dictionary and the
-- functions they call are bound when they are created: the search path of a later session cannot change them.
-- The function and index names are part of the adapter's contract (PageStatement, QueryPlanTest).

CREATE EXTENSION IF NOT EXISTS unaccent;

-- A book's searchable text: its match keys without accents ("garcía márquez" → "garcia marquez").
CREATE FUNCTION books_search_text(title_key text, author_key text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN unaccent('unaccent'::regdictionary, title_key || ' ' || author_key);

-- The same for what a reader typed (SearchText.matchKey()), for the ranking.
CREATE FUNCTION books_search_text(text_key text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN unaccent('unaccent'::regdictionary, text_key);

-- A book's words, as lexemes (no stemming, no stop words, no positions: only which words it has).
CREATE FUNCTION books_search_words(title_key text, author_key text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN array_to_tsvector(array_remove(
        regexp_split_to_array(books_search_text(title_key, author_key), '[^[:alnum:]]+'), ''));

-- fastupdate = off, as for the trigram indexes before it (ADR 0008): a search must not scan a pending list.
CREATE INDEX books_search_words_idx ON books USING gin (books_search_words(title_key, author_key))
    WITH (fastupdate = off);

-- Search no longer reads the trigram indexes of V1: every write and every bulk load paid for them.
DROP INDEX books_title_trgm_idx;
DROP INDEX books_author_trgm_idx;
