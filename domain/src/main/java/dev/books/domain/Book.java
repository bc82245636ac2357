package dev.books.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A book in the catalogue, and who created it and made its current version.
 *
 * <p>Two doors: {@link #create(BookDetails, Clock, Actor)} makes a new book (checks every rule, assigns a new id
 * and version 1); the canonical constructor rebuilds a stored one and checks only what must hold for any book.
 * A book is immutable: {@link #revise(BookDetails, Clock, Actor)} returns its next version.
 *
 * <p>Timestamps are kept to the microsecond, the precision PostgreSQL stores, so a book reads back equal to
 * what was written.
 */
public record Book(BookId id, BookDetails details, long version, Instant createdAt, Instant updatedAt,
                   Actor createdBy, Actor updatedBy) {

    /** The version of a book that has never been changed. */
    public static final long FIRST_VERSION = 1;

    public Book {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(updatedBy, "updatedBy");
        if (version < FIRST_VERSION) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt " + updatedAt + " is before createdAt " + createdAt);
        }
    }

    /** A stored book whose authors of changes are not known (stored before changes were attributed). */
    public Book(BookId id, BookDetails details, long version, Instant createdAt, Instant updatedAt) {
        this(id, details, version, createdAt, updatedAt, Actor.UNKNOWN, Actor.UNKNOWN);
    }

    /** A new book, created now by the given clock, by {@code actor}. */
    public static Book create(BookDetails details, Clock clock, Actor actor) {
        requireYearNotBeyondNextYear(details, clock);
        Instant now = now(clock);
        return new Book(BookId.generate(now), details, FIRST_VERSION, now, now, actor, actor);
    }

    /** A new book, created now by the given clock, by no one in particular ({@link Actor#ANONYMOUS}). */
    public static Book create(BookDetails details, Clock clock) {
        return create(details, clock, Actor.ANONYMOUS);
    }

    /**
     * This book with new details, changed by {@code actor}: the next version, updated now (never earlier than its
     * last update).
     */
    public Book revise(BookDetails newDetails, Clock clock, Actor actor) {
        if (!newDetails.publishedYear().equals(details.publishedYear())) {
            requireYearNotBeyondNextYear(newDetails, clock);
        }
        Instant now = now(clock);
        Instant updated = now.isAfter(updatedAt) ? now : updatedAt;
        return new Book(id, newDetails, version + 1, createdAt, updated, createdBy, actor);
    }

    /** This book with new details, changed by no one in particular ({@link Actor#ANONYMOUS}). */
    public Book revise(BookDetails newDetails, Clock clock) {
        return revise(newDetails, clock, Actor.ANONYMOUS);
    }

    /** Whether this is {@code earlier}'s next version: the same book (id and creation), one version on. */
    public boolean isNextVersionOf(Book earlier) {
        return id.equals(earlier.id) && createdAt.equals(earlier.createdAt) && version == earlier.version + 1;
    }

    public Title title() {
        return details.title();
    }

    public Author author() {
        return details.author();
    }

    public Optional<Category> category() {
        return details.category();
    }

    public Optional<Isbn> isbn() {
        return details.isbn();
    }

    public Optional<PublicationYear> publishedYear() {
        return details.publishedYear();
    }

    /** The key that makes two books the same work. */
    public WorkKey workKey() {
        return details.workKey();
    }

    private static void requireYearNotBeyondNextYear(BookDetails details, Clock clock) {
        details.publishedYear().ifPresent(year -> PublicationYear.of(year.value(), clock));
    }

    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
