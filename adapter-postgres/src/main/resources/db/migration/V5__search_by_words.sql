-- Search by words, each forgiving one slip (ADR 0016).
--
-- A search text finds the books that have, for every word of it, the word itself or one a single slip away (two
-- neighbouring letters swapped, one letter missing, one extra) in their title or author, ignoring case and accents.
-- A book's words are the runs of letters and digits of its match keys (title_key, author_key: case-folded in Java,
-- ADR 0003 and 0009) without accents (unaccent), and every two neighbouring words written together, so that
-- "leguin" finds "Le Guin" and "garciamarquez" "García Márquez". The service spells out the slips of each word
-- searched for (PageStatement, SearchWords); the GIN index below answers `words && slips` for all of them in one
-- scan. The ranking, pg_trgm's similarity() between the book's text and the searched one, both without accents, is
-- computed for the matches only.
--
-- The functions are IMMUTABLE (an index expression must be) and have SQL-standard bodies, so the dictionary and the
-- functions they call are bound when they are created: the search path of a later session cannot change them.
-- Their names and the index's are part of the adapter's contract (PageStatement, QueryPlanTest); the bulk loader
-- rebuilds the index from the catalogue's definition (DroppedIndexes).

CREATE EXTENSION IF NOT EXISTS unaccent;

-- A book's searchable text: its match keys without accents ("garcía márquez" → "garcia marquez").
CREATE FUNCTION books_search_text(title_key text, author_key text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN unaccent('unaccent'::regdictionary, title_key || ' ' || author_key);

-- The same for what a reader typed (SearchText.matchKey()), for the ranking.
CREATE FUNCTION books_search_text(text_key text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN unaccent('unaccent'::regdictionary, text_key);

-- The words of a searchable text, and each two neighbours joined: the text itself, then the pairs starting at the
-- first word ("the left hand" → "theleft hand"), then, the first word cut off, those starting at the second
-- ("lefthand"). Regular expressions match the longest they can, so the first word is cut off on its own.
CREATE FUNCTION books_search_words(search_text text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN array_remove(regexp_split_to_array(
        search_text
        || ' ' || regexp_replace(search_text, '([[:alnum:]]+)[^[:alnum:]]+([[:alnum:]]+)', '\1\2', 'g')
        || ' ' || regexp_replace(regexp_replace(search_text, '^[^[:alnum:]]*[[:alnum:]]+', ''),
                                 '([[:alnum:]]+)[^[:alnum:]]+([[:alnum:]]+)', '\1\2', 'g'),
        '[^[:alnum:]]+'), '');

CREATE FUNCTION books_search_words(title_key text, author_key text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN books_search_words(books_search_text(title_key, author_key));

-- fastupdate = off, as for the trigram indexes before it (ADR 0008): a search must not scan a pending list.
CREATE INDEX books_search_words_idx ON books USING gin (books_search_words(title_key, author_key))
    WITH (fastupdate = off);

-- Search no longer reads the trigram indexes of V1: every write and every bulk load paid for them.
DROP INDEX books_title_trgm_idx;
DROP INDEX books_author_trgm_idx;
