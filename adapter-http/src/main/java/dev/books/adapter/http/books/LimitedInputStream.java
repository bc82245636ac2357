package dev.books.adapter.http.books;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body that may be at most so many bytes: reading past the limit fails with {@link LimitExceeded}. */
final class LimitedInputStream extends FilterInputStream {

    /** The body is longer than the limit (a chunked body, or one whose Content-Length said less). */
    static final class LimitExceeded extends IOException {

        private static final long serialVersionUID = 1L;

        LimitExceeded() {
            super("request body over the limit", null);
        }
    }

    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    private void counted(long n) throws LimitExceeded {
        count += n;
        if (count > limit) {
            throw new LimitExceeded();
        }
    }
}
