package dev.books.adapter.http.exchange;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The X-Request-Id every response carries: the client's own when it is sane, otherwise a fresh one. The edge
 * assigns it; every log line and every problem names it.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** Where the edge handler leaves the id for everything after it. */
    public static final String ATTRIBUTE = "dev.books.requestId";
    static final int MAX_LENGTH = 64;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    /** The client's id if it is 1..64 characters of {@code [A-Za-z0-9._:-]}, otherwise a new one. */
    public static String accept(String fromClient) {
        return isSane(fromClient) ? fromClient : generate();
    }

    static boolean isSane(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * 128 random bits as 32 hex digits. Ids correlate log lines, they guard nothing, so a fast non-cryptographic
     * source is enough (and avoids SecureRandom's contention on the request path).
     */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[32];
        write(random.nextLong(), out, 0);
        write(random.nextLong(), out, 16);
        return new String(out);
    }

    private static void write(long bits, char[] out, int offset) {
        for (int i = 15; i >= 0; i--) {
            out[offset + i] = HEX[(int) (bits & 0xF)];
            bits >>>= 4;
        }
    }
}
