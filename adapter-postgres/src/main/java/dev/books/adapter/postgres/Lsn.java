package dev.books.adapter.postgres;

import java.util.Locale;
import java.util.Optional;

/**
 * A position in PostgreSQL's write-ahead log ({@code pg_lsn}): how far a primary has written, or a standby has
 * replayed. Positions only grow, across a promotion too (the new timeline starts where the standby stopped), so
 * comparing two says which has seen more. Written as PostgreSQL writes it, two hex numbers: {@code 0/16B3748}.
 *
 * @param value the position as an unsigned 64-bit number
 */
record Lsn(long value) implements Comparable<Lsn> {

    /** Each half is a 32-bit number in hex, at most eight digits. */
    private static final int MAX_HALF_DIGITS = 8;

    /** The position {@code text} spells in PostgreSQL's notation, or empty if it spells none. */
    static Optional<Lsn> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 1 || slash > MAX_HALF_DIGITS || text.length() - slash - 1 < 1
                || text.length() - slash - 1 > MAX_HALF_DIGITS) {
            return Optional.empty();
        }
        String high = text.substring(0, slash);
        String low = text.substring(slash + 1);
        if (!isHex(high) || !isHex(low)) {
            return Optional.empty();
        }
        return Optional.of(new Lsn(Long.parseLong(high, 16) << 32 | Long.parseLong(low, 16)));
    }

    /** The later of the two. */
    Lsn max(Lsn other) {
        return compareTo(other) >= 0 ? this : other;
    }

    boolean isAtLeast(Lsn other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase(Locale.ROOT) + "/"
                + Long.toHexString(value & 0xFFFF_FFFFL).toUpperCase(Locale.ROOT);
    }

    /** Only 0-9, a-f, A-F: {@link Character#digit} also takes other scripts' digits. */
    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}
