package dev.books.testkit;

import dev.books.access.ApiKeyStore;

class InMemoryApiKeyStoreTest extends ApiKeyStoreContract {

    @Override
    protected ApiKeyStore emptyStore() {
        return new InMemoryApiKeyStore();
    }
}
