package dev.books.application;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.CRC32C;

/** Takes cursors apart and puts them back together, to tamper with them the way a client could. */
final class Cursors {

    private Cursors() {
    }

    static byte[] bytesOf(String cursor) {
        return Base64.getUrlDecoder().decode(cursor);
    }

    /** The bytes as a cursor, their last four bytes left as they are. */
    static String cursorOf(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The bytes as a cursor with a fresh, correct checksum: what a client forging a cursor would send. */
    static String forged(byte[] bytes) {
        byte[] copy = bytes.clone();
        CRC32C crc = new CRC32C();
        crc.update(copy, 0, copy.length - 4);
        ByteBuffer.wrap(copy).putInt(copy.length - 4, (int) crc.getValue());
        return cursorOf(copy);
    }
}
