/**
 * A bookshelf on SQLite: the Books use cases over a store of our own. A named module, so the compiler holds it to
 * what the Books modules export: the ports, commands and factories, never the use cases' implementations.
 */
module org.example.bookshelf {
    requires dev.books.application;
    requires org.xerial.sqlitejdbc;
}
