package shelf.adapter.sqlite;

import shelf.app.Main;

/** Breaks: an adapter that reaches back into the wiring. */
public class SqliteShelf {
    public Main wiring;
}
