-- The catalogue: one row per book.
--
-- title_key, author_key and category_key hold the domain's matchKey() values (case-folded, computed in Java), so
-- that the in-memory fake and PostgreSQL agree exactly on what "equal ignoring case" means. The exact filters
-- compare these columns, and the duplicate-work rule is a unique constraint over (title_key, author_key).
--
-- Constraint and index names are part of the adapter's contract: SqlFailures maps a unique violation to the
-- domain's rule by the constraint's name. The ISBN constraint is declared before the work constraint on purpose:
-- PostgreSQL checks unique indexes in creation order, so a book that breaks both rules is reported as an ISBN
-- duplicate, as the in-memory fake reports it.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE books (
    id             uuid         NOT NULL,
    title          varchar(200) NOT NULL,
    author         varchar(200) NOT NULL,
    category       varchar(50),
    isbn           varchar(13),
    published_year integer,
    version        bigint       NOT NULL,
    created_at     timestamptz  NOT NULL,
    updated_at     timestamptz  NOT NULL,
    title_key      text         NOT NULL,
    author_key     text         NOT NULL,
    category_key   text,

    CONSTRAINT books_pkey PRIMARY KEY (id),
    CONSTRAINT books_isbn_unique UNIQUE (isbn),
    CONSTRAINT books_work_unique UNIQUE (title_key, author_key),

    -- Cheap mirrors of the domain's invariants: a bug that slips past the domain stops here.
    CONSTRAINT books_title_length CHECK (char_length(title) BETWEEN 1 AND 200),
    CONSTRAINT books_author_length CHECK (char_length(author) BETWEEN 1 AND 200),
    CONSTRAINT books_category_length CHECK (char_length(category) BETWEEN 1 AND 50),
    CONSTRAINT books_isbn_digits CHECK (isbn ~ '^[0-9]{13}$'),
    CONSTRAINT books_published_year_positive CHECK (published_year >= 1),
    CONSTRAINT books_version_positive CHECK (version >= 1),
    CONSTRAINT books_updated_not_before_created CHECK (updated_at >= created_at),
    CONSTRAINT books_category_key_with_category CHECK ((category IS NULL) = (category_key IS NULL))
);

-- Every list path reads an index in its own order, so a page costs the same however deep it is (keyset
-- pagination: WHERE (created_at, id) < (..., ...) ORDER BY created_at DESC, id DESC LIMIT n).
CREATE INDEX books_newest_idx ON books (created_at DESC, id DESC);
CREATE INDEX books_author_newest_idx ON books (author_key, created_at DESC, id DESC);
CREATE INDEX books_category_newest_idx ON books (category_key, created_at DESC, id DESC);
-- The title filter uses books_work_unique, whose leading column is title_key: a title has few books.

-- Fuzzy search: `title % :text OR author % :text` reads these (pg_trgm.similarity_threshold = 0.3 per session).
-- fastupdate = off: a catalogue is read far more than written, and GIN's pending list (up to 4 MB of unindexed
-- entries, scanned in full by every search until a vacuum merges it) would make search slow and the planner shun
-- the index right after a bulk load. Each insert pays a little more instead.
CREATE INDEX books_title_trgm_idx ON books USING gin (title gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX books_author_trgm_idx ON books USING gin (author gin_trgm_ops) WITH (fastupdate = off);
