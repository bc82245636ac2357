package dev.books.domain;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * The year a book was (or will next year be) published.
 *
 * <p>The constructor checks the fixed bounds and rebuilds stored values; {@link #of(int, Clock)} is the door for
 * new input and also refuses years after next year, by the clock it is given.
 */
public record PublicationYear(int value) {

    /** The earliest year a book may carry. */
    public static final int EARLIEST = 1;
    private static final String FIELD = "publishedYear";

    public PublicationYear {
        if (value < EARLIEST) {
            throw new InvalidBookException(FIELD, Refusals.YEAR_TOO_EARLY);
        }
    }

    /** A year from new input: from 1 to the current year + 1 (books are announced before they appear). */
    public static PublicationYear of(int value, Clock clock) {
        int latest = latestAllowed(clock);
        if (value > latest) {
            throw new InvalidBookException(FIELD, Refusals.yearTooLate(latest));
        }
        return new PublicationYear(value);
    }

    /** The latest year new input may carry: next year, in UTC. */
    public static int latestAllowed(Clock clock) {
        return clock.instant().atZone(ZoneOffset.UTC).getYear() + 1;
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
