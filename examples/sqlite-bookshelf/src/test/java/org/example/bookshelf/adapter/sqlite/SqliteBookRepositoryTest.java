package org.example.bookshelf.adapter.sqlite;

import dev.books.domain.BookRepository;
import dev.books.testkit.BookRepositoryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The whole repository contract of the Books testkit, against a new SQLite file for every test. */
class SqliteBookRepositoryTest extends BookRepositoryContract {

    @TempDir
    Path directory;

    private SqliteBookRepository store;

    @Override
    protected BookRepository emptyRepository() {
        store = SqliteBookRepository.open(directory.resolve("books.db"));
        return store;
    }

    @AfterEach
    void closeTheStore() {
        store.close();
    }
}
