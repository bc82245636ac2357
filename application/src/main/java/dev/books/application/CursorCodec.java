package dev.books.application;

import dev.books.domain.BookId;
import dev.books.domain.BookQuery;
import dev.books.domain.Cursor;
import dev.books.domain.InvalidQueryException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * Turns a {@link Cursor} into the opaque cursor clients pass back, and back again.
 *
 * <p>Layout (then base64url without padding): format version, order kind, a fingerprint of the query's filters,
 * the position's sort key, and a CRC-32C of all of that. The checksum makes a truncated, mistyped or invented
 * cursor a client error rather than a surprise; the fingerprint rejects a cursor replayed against another
 * query. It is not a secret: a client that forges a well-formed cursor only chooses where its page starts.
 */
final class CursorCodec {

    private static final byte FORMAT = 1;
    private static final byte RECENCY = 'n';
    private static final byte RELEVANCE = 'r';
    private static final int HEADER = 1 + 1 + 4;
    private static final int RECENCY_LENGTH = HEADER + 8 + 16 + 4;
    private static final int RELEVANCE_LENGTH = HEADER + 4 + 16 + 4;
    /** No cursor we issue is longer; anything longer is rejected before decoding. */
    private static final int MAX_TEXT_LENGTH = 64;

    private final int fingerprint;
    private final boolean search;

    private CursorCodec(int fingerprint, boolean search) {
        this.fingerprint = fingerprint;
        this.search = search;
    }

    /** The codec for cursors of this query (its filters and order; limit and position do not matter). */
    static CursorCodec forQuery(BookQuery query) {
        CRC32C crc = new CRC32C();
        update(crc, query.title().map(title -> title.matchKey()).orElse(null));
        update(crc, query.author().map(author -> author.matchKey()).orElse(null));
        update(crc, query.category().map(category -> category.matchKey()).orElse(null));
        update(crc, query.text().map(text -> text.value()).orElse(null));
        return new CursorCodec((int) crc.getValue(), query.isSearch());
    }

    String encode(Cursor position) {
        ByteBuffer bytes;
        if (position instanceof Cursor.ByRecency recency) {
            bytes = ByteBuffer.allocate(RECENCY_LENGTH).put(FORMAT).put(RECENCY).putInt(fingerprint)
                    .putLong(ChronoUnit.MICROS.between(Instant.EPOCH, recency.createdAt()));
        } else if (position instanceof Cursor.ByRelevance relevance) {
            bytes = ByteBuffer.allocate(RELEVANCE_LENGTH).put(FORMAT).put(RELEVANCE).putInt(fingerprint)
                    .putFloat(relevance.relevance());
        } else {
            throw new IllegalStateException("unknown position kind: " + position);
        }
        UUID id = position.id().value();
        bytes.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        bytes.putInt(checksum(bytes.array(), bytes.position()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** @throws InvalidQueryException when the cursor was not issued by this service for this query */
    Cursor decode(String cursor) {
        byte[] raw = decodeBase64(cursor);
        int expectedLength = search ? RELEVANCE_LENGTH : RECENCY_LENGTH;
        if (raw == null || raw.length != expectedLength || raw[0] != FORMAT
                || checksum(raw, raw.length - 4) != ByteBuffer.wrap(raw, raw.length - 4, 4).getInt()) {
            throw invalid("is not a cursor this service issued");
        }
        ByteBuffer bytes = ByteBuffer.wrap(raw, 1, raw.length - 1);
        byte kind = bytes.get();
        if (kind != (search ? RELEVANCE : RECENCY) || bytes.getInt() != fingerprint) {
            throw invalid("belongs to another query: repeat the query's filters unchanged when following it");
        }
        try {
            if (search) {
                float relevance = bytes.getFloat();
                return new Cursor.ByRelevance(relevance, new BookId(new UUID(bytes.getLong(), bytes.getLong())));
            }
            Instant createdAt = Instant.EPOCH.plus(bytes.getLong(), ChronoUnit.MICROS);
            return new Cursor.ByRecency(createdAt, new BookId(new UUID(bytes.getLong(), bytes.getLong())));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw invalid("is not a cursor this service issued");
        }
    }

    private static byte[] decodeBase64(String cursor) {
        if (cursor.isEmpty() || cursor.length() > MAX_TEXT_LENGTH) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int checksum(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    private static void update(CRC32C crc, String part) {
        if (part == null) {
            crc.update(0);
        } else {
            crc.update(1);
            crc.update(part.getBytes(StandardCharsets.UTF_8));
            crc.update(0);
        }
    }

    private static InvalidQueryException invalid(String message) {
        return new InvalidQueryException("cursor", message);
    }
}
