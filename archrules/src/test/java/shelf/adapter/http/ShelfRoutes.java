package shelf.adapter.http;

import shelf.adapter.sqlite.SqliteShelf;

/** Breaks: one adapter that knows another. */
public class ShelfRoutes {
    public SqliteShelf store;
}
