package org.example.bookshelf.adapter.sqlite;

import org.example.bookshelf.app.Main;

/** Planted: an adapter that reaches back into the wiring. It compiles; the architecture test fails the build. */
final class WiringShortcut {

    private WiringShortcut() {
    }

    static void runTheWholeApplication() {
        Main.main(new String[] {"list"});
    }
}
