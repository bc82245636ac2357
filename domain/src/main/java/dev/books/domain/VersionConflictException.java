package dev.books.domain;

/** The caller changed or deleted a book at a version that is no longer the current one (a lost update averted). */
@SuppressWarnings("serial") // never serialised
public final class VersionConflictException extends BookException {

    /** This refusal's {@link #code()}. */
    public static final String CODE = "version-conflict";

    private final BookId id;
    private final long expectedVersion;

    public VersionConflictException(BookId id, long expectedVersion) {
        super("book " + id + " is no longer at version " + expectedVersion);
        this.id = id;
        this.expectedVersion = expectedVersion;
    }

    public BookId id() {
        return id;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    @Override
    public String code() {
        return CODE;
    }
}
