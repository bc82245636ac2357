package org.example.bookshelf.adapter.sqlite;

import dev.books.testkit.BookBulkLoaderContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The bulk loader contract of the Books testkit: the same store is both the repository and the loader. */
class SqliteBookBulkLoaderTest extends BookBulkLoaderContract {

    @TempDir
    Path directory;

    private SqliteBookRepository store;

    @Override
    protected Store emptyStore() {
        store = SqliteBookRepository.open(directory.resolve("books.db"));
        return new Store(store, store);
    }

    @AfterEach
    void closeTheStore() {
        store.close();
    }
}
