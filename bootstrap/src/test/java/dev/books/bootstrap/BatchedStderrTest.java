package dev.books.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchedStderrTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    @Test
    void a_line_and_its_flush_write_nothing_until_the_batch_is_written() {
        BatchedStderr batched = new BatchedStderr(written, 1024, Duration.ofHours(1));
        PrintStream err = new PrintStream(batched, false, StandardCharsets.UTF_8);

        err.println("method=GET status=200");
        err.flush();

        assertThat(written.size()).isZero();
        batched.flushNow();
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("method=GET status=200" + System.lineSeparator());
    }

    @Test
    void the_writer_thread_writes_a_batch_within_its_interval() throws InterruptedException {
        BatchedStderr batched = new BatchedStderr(written, 1024, Duration.ofMillis(20)).start();
        PrintStream err = new PrintStream(batched, false, StandardCharsets.UTF_8);

        err.println("first");
        err.println("second");
        err.flush();

        String expected = "first" + System.lineSeparator() + "second" + System.lineSeparator();
        for (int i = 0; i < 500 && written.size() < expected.length(); i++) {
            Thread.sleep(10);
        }
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void a_full_buffer_is_written_at_once_by_the_writing_thread_and_nothing_is_lost() throws IOException {
        BatchedStderr batched = new BatchedStderr(written, 8, Duration.ofHours(1));

        batched.write(bytes("abcdef"), 0, 6);
        assertThat(written.size()).isZero();
        batched.write(bytes("ghij"), 0, 4);
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("abcdef");
        batched.write(bytes("a write longer than the buffer"), 0, 30);
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("abcdefghija write longer than the buffer");
        batched.write('!');
        batched.flushNow();

        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("abcdefghija write longer than the buffer!");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
