package dev.books.adapter.http.books;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.books.adapter.http.HttpSettings;
import dev.books.json.BookFields;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A request body is never built into memory: the 1 MB body that once took the heap
 * ({@code {"title":"Tree","author":"T","x":[{},{},… ×340,000]}}, 40 at a time) costs what its five fields cost.
 * Measured as the bytes this thread allocates while the body is read and bound; a JSON tree of it takes tens of MB.
 */
class BodyReadingMemoryTest {

    private static final long BUDGET = 4L * 1024 * 1024;

    @Test
    void a_megabyte_of_nested_values_in_an_unknown_field_is_skipped_not_built() throws Exception {
        StringBuilder body = new StringBuilder("{\"title\":\"Tree\",\"author\":\"T\",\"x\":[");
        body.append("{},".repeat(340_000)).append("{}]}");
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isBetween(1_000_000, HttpSettings.DEFAULT_MAX_REQUEST_BODY_BYTES);
        BookJsonCodec json = new BookJsonCodec();
        BookRequestBinder binder = new BookRequestBinder(Validators.build().getValidator());
        read(json, binder, bytes); // warm: class loading allocates too

        long before = allocated();
        BookFields fields = read(json, binder, bytes);
        long allocated = allocated() - before;

        assertThat(allocated).as("bytes allocated to read a %d-byte body", bytes.length).isLessThan(BUDGET);
        assertThat(fields).isNotNull();
    }

    private static BookFields read(BookJsonCodec json, BookRequestBinder binder, byte[] bytes)
            throws Exception {
        try (JsonParser parser = json.parse(new ByteArrayInputStream(bytes))) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            BookFields fields = binder.bind(parser);
            assertThat(parser.nextToken()).isNull();
            return fields;
        }
    }

    private static long allocated() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
