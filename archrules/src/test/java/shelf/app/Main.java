package shelf.app;

import shelf.adapter.sqlite.SqliteShelf;

/** The fixture's wiring: it may know every adapter. */
public class Main {
    public SqliteShelf store;
}
