package dev.books.testkit;

import dev.books.domain.BookRepository;

/** A forwarder that overrides nothing is indistinguishable from its delegate: it passes the whole contract. */
class ForwardingBookRepositoryTest extends BookRepositoryContract {

    @Override
    protected BookRepository emptyRepository() {
        return new ForwardingBookRepository(new InMemoryBookRepository()) {
        };
    }
}
