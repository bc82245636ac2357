package dev.books.application;

/** Driving port, for housekeeping: forget the idempotency keys whose time to live has passed. */
public interface PurgeExpiredKeys {

    /**
     * Removes up to {@code max} expired keys, oldest first. An expired key is already absent to claims; purging
     * only gives its room back.
     *
     * @return how many were removed: fewer than {@code max} means none is left for now
     * @throws IllegalArgumentException                   when {@code max} is less than 1
     * @throws dev.books.domain.StoreUnavailableException when the store cannot be reached
     */
    int purge(int max);
}
