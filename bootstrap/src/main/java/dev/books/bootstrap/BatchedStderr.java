package dev.books.bootstrap;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Standard error written in batches, where the logs go (slf4j-simple flushes after every line): lines are appended
 * to a buffer and one daemon thread writes what has gathered every {@link #INTERVAL}, so that a request does not
 * pay a {@code write} system call for its access log line, nor queue on the other request threads' writes. Nothing
 * is dropped: a full buffer is written at once by the thread that fills it, and {@link #flushNow()} (at shutdown, see
 * {@link Main}) writes the rest. What a kill -9 can lose is the last {@link #INTERVAL} of lines.
 */
final class BatchedStderr extends OutputStream {

    /** How long a line may wait in the buffer: short enough for a person watching, long enough to batch a burst. */
    static final Duration INTERVAL = Duration.ofMillis(20);
    /** 64 KiB: some 400 access log lines, more than 20 ms bring at 10,000 requests/s. */
    static final int BUFFER_BYTES = 64 * 1024;

    private final OutputStream out;
    private final byte[] buffer;
    private final long intervalMillis;
    private int count;

    BatchedStderr(OutputStream out, int bufferBytes, Duration interval) {
        this.out = out;
        this.buffer = new byte[bufferBytes];
        this.intervalMillis = interval.toMillis();
    }

    /**
     * Replaces {@link System#err} with a batched one over file descriptor 2, started, and flushed by a shutdown
     * hook; returns it so that the last hook to log can flush it again after its own lines.
     */
    static BatchedStderr install() {
        BatchedStderr batched = new BatchedStderr(new FileOutputStream(FileDescriptor.err), BUFFER_BYTES, INTERVAL);
        System.setErr(new PrintStream(batched.start(), false));
        Runtime.getRuntime().addShutdownHook(new Thread(batched::flushNow, "books-stderr-flush"));
        return batched;
    }

    /** Starts the daemon thread that writes what gathers, an interval after the first bytes of each batch. */
    BatchedStderr start() {
        Thread writer = new Thread(this::writeEvery, "books-stderr");
        writer.setDaemon(true);
        writer.start();
        return this;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (count == buffer.length) {
            drain();
        }
        buffer[count++] = (byte) b;
        wakeWriterIfFirst(1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > buffer.length - count) {
            drain();
        }
        if (length > buffer.length) {
            out.write(bytes, offset, length);
            return;
        }
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
        wakeWriterIfFirst(length);
    }

    /** Deferred: the writer thread writes within {@link #INTERVAL} (callers flush after every line). */
    @Override
    public void flush() {
        // nothing now: see flushNow()
    }

    /** Writes whatever is buffered, now; errors writing to stderr have nowhere to be reported. */
    void flushNow() {
        synchronized (this) {
            try {
                drain();
                out.flush();
            } catch (IOException ignored) {
                // stderr closed: nothing to tell, nobody to tell it to
            }
        }
    }

    private void drain() throws IOException {
        if (count > 0) {
            out.write(buffer, 0, count);
            count = 0;
        }
    }

    /** The first bytes after a write wake the writer, which then lets a batch gather for the interval. */
    private void wakeWriterIfFirst(int added) {
        if (count == added) {
            notifyAll();
        }
    }

    private void writeEvery() {
        try {
            while (true) {
                synchronized (this) {
                    while (count == 0) {
                        wait();
                    }
                }
                Thread.sleep(intervalMillis);
                flushNow();
            }
        } catch (InterruptedException e) {
            flushNow();
        }
    }
}
