package dev.books.adapter.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.books.domain.Book;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes books as NDJSON, one object per line with the fields of {@code POST /books} ({@code title}, {@code author},
 * and {@code category}, {@code isbn} (13 digits), {@code publishedYear} when present), in UTF-8: exactly what
 * {@link BookRecordReader} reads back, so an export imports cleanly elsewhere. Ids, versions and timestamps are not
 * written: an import makes new books.
 */
public final class NdjsonBookWriter implements Closeable {

    private static final JsonFactory JSON = new JsonFactoryBuilder()
            // The caller owns the stream (it may be standard output).
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .rootValueSeparator((String) null)
            .build();

    private final JsonGenerator json;

    public NdjsonBookWriter(OutputStream output) {
        try {
            this.json = JSON.createGenerator(output, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one book as one line. */
    public void write(Book book) {
        try {
            json.writeStartObject();
            json.writeStringField("title", book.title().value());
            json.writeStringField("author", book.author().value());
            if (book.category().isPresent()) {
                json.writeStringField("category", book.category().get().value());
            }
            if (book.isbn().isPresent()) {
                json.writeStringField("isbn", book.isbn().get().value());
            }
            if (book.publishedYear().isPresent()) {
                json.writeNumberField("publishedYear", book.publishedYear().get().value());
            }
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes out what is buffered; the stream stays open. */
    public void flush() {
        try {
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flushes; the stream stays open. */
    @Override
    public void close() {
        try {
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
