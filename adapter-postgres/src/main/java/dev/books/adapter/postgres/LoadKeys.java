package dev.books.adapter.postgres;

import dev.books.domain.Book;
import dev.books.domain.DuplicateBookException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The uniqueness keys of the books a load has kept, in memory, for a load into an empty table whose unique indexes
 * are rebuilt only at the commit. An ISBN is kept exactly (13 digits fit a long); a work key as a 127-bit
 * fingerprint (taken from its SHA-256), so that a million books cost tens of megabytes rather than hundreds.
 * Equal keys always have equal fingerprints, so no duplicate can slip through (and the unique indexes rebuilt at
 * the commit would refuse one anyway); two different works share a fingerprint with a probability of about
 * n²/2¹²⁸ (10⁻²⁶ for a million books), and only then is a book skipped that should not have been.
 */
final class LoadKeys {

    private final PairSet isbns = new PairSet();
    private final PairSet works = new PairSet();
    private final MessageDigest sha256;

    LoadKeys() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Keeps the book's keys and returns empty, or returns the rule it breaks (ISBN first) and keeps nothing. */
    Optional<DuplicateBookException.Rule> keep(Book book) {
        long isbn = book.isbn().map(value -> Long.parseLong(value.value())).orElse(0L);
        if (isbn != 0 && isbns.contains(isbn, 1)) {
            return Optional.of(DuplicateBookException.Rule.ISBN);
        }
        ByteBuffer digest = ByteBuffer.wrap(sha256.digest(
                (book.title().matchKey() + '\u0000' + book.author().matchKey()).getBytes(StandardCharsets.UTF_8)));
        long high = digest.getLong();
        long low = digest.getLong() | 1;
        if (!works.add(high, low)) {
            return Optional.of(DuplicateBookException.Rule.TITLE_AND_AUTHOR);
        }
        if (isbn != 0) {
            isbns.add(isbn, 1);
        }
        return Optional.empty();
    }

    /**
     * A set of 128-bit values (pairs of longs) with open addressing and linear probing. Every value's low half is
     * odd, so a slot whose low half is 0 is empty.
     */
    private static final class PairSet {

        private long[] slots = new long[2 * 1024];
        private int size;

        boolean contains(long high, long low) {
            return slots[find(slots, high, low) + 1] != 0;
        }

        /** Adds the value; false when it was already there. */
        boolean add(long high, long low) {
            int at = find(slots, high, low);
            if (slots[at + 1] != 0) {
                return false;
            }
            slots[at] = high;
            slots[at + 1] = low;
            if (++size * 4 > slots.length) {
                grow();
            }
            return true;
        }

        private void grow() {
            long[] bigger = new long[slots.length * 2];
            for (int i = 0; i < slots.length; i += 2) {
                if (slots[i + 1] != 0) {
                    int at = find(bigger, slots[i], slots[i + 1]);
                    bigger[at] = slots[i];
                    bigger[at + 1] = slots[i + 1];
                }
            }
            slots = bigger;
        }

        /** The index of the slot holding the value, or of the empty slot where it belongs. */
        private static int find(long[] slots, long high, long low) {
            int mask = slots.length / 2 - 1;
            int slot = (int) mix(high ^ Long.rotateLeft(low, 31)) & mask;
            while (slots[slot * 2 + 1] != 0 && (slots[slot * 2] != high || slots[slot * 2 + 1] != low)) {
                slot = (slot + 1) & mask;
            }
            return slot * 2;
        }

        /** Spreads the bits (the finalizer of SplitMix64), so that sequential ISBNs do not cluster. */
        private static long mix(long value) {
            long z = value;
            z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
            return z ^ (z >>> 31);
        }
    }
}
