package dev.books.domain;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A book's identity: a UUID version 7 (RFC 9562), generated here. Its leading 48 bits are the creation time in
 * milliseconds, so new ids land at the right edge of a B-tree index and sort roughly by age; the remaining 74
 * bits are random, so ids made on different machines do not collide.
 *
 * <p>Ids order as PostgreSQL orders {@code uuid} values: unsigned, byte by byte.
 */
public record BookId(UUID value) implements Comparable<BookId> {

    private static final SecureRandom RANDOM = new SecureRandom();

    public BookId {
        Objects.requireNonNull(value, "value");
    }

    /** A new version 7 id for a book created at {@code now}. */
    public static BookId generate(Instant now) {
        long millis = now.toEpochMilli();
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high = (millis & 0xFFFF_FFFF_FFFFL) << 16
                | 0x7000L                                          // version 7
                | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL); // 12 random bits
        long low = 0x8000_0000_0000_0000L                           // variant 10
                | ((random[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new BookId(new UUID(high, low));
    }

    /**
     * The id written in its canonical form (36 characters, hex digits in either case), or empty for anything
     * else. Stricter than {@link UUID#fromString}, which accepts "1-1-1-1-1".
     */
    public static Optional<BookId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isAsciiHexDigit(c)) {
                return Optional.empty();
            }
        }
        return Optional.of(new BookId(UUID.fromString(text)));
    }

    /** Only 0-9, a-f, A-F: {@link Character#digit} also takes full-width and other scripts' digits. */
    private static boolean isAsciiHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    @Override
    public int compareTo(BookId other) {
        int high = Long.compareUnsigned(value.getMostSignificantBits(), other.value.getMostSignificantBits());
        return high != 0 ? high
                : Long.compareUnsigned(value.getLeastSignificantBits(), other.value.getLeastSignificantBits());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
