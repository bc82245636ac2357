package dev.books.adapter.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.books.application.CreateBookCommand;
import dev.books.application.ImportRecord;
import dev.books.application.RecordPosition;
import dev.books.json.BookFields;
import dev.books.json.BookJson;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads books to import from JSON, one record at a time with Jackson's streaming parser, so that a file of any size
 * needs the memory of one record. Two shapes, told apart by the first value:
 * <ul>
 *   <li>a JSON array of objects ({@code [{…}, {…}]}): each element's position is its index, from 0;</li>
 *   <li>NDJSON, one object per line (blank lines allowed): each record's position is its line, from 1.</li>
 * </ul>
 * UTF-8, with or without a byte-order mark. Each object holds the fields of {@code POST /books} ({@code title},
 * {@code author}, {@code category}, {@code isbn}, {@code publishedYear}); a field of the wrong JSON type, a
 * read-only or unknown field, a repeated field, or an element that is not an object makes a record the use case
 * rejects with that reason. Input that is not well-formed JSON throws {@link UnreadableInputException} at the point
 * where it breaks; a failing stream throws {@link UncheckedIOException}.
 */
public final class BookRecordReader implements Iterator<ImportRecord>, Closeable {

    private static final JsonFactory JSON = JsonFactory.builder()
            // The caller owns the stream (it may be standard input).
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private final JsonParser parser;
    private Boolean array;
    private long nextIndex;
    private long lastRecordEndLine;
    private ImportRecord next;
    private boolean finished;

    private BookRecordReader(JsonParser parser) {
        this.parser = parser;
    }

    /** A reader of the stream, which stays open when the reader is closed. */
    public static BookRecordReader of(InputStream input) {
        try {
            return new BookRecordReader(JSON.createParser(input));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null && !finished) {
            next = readNext();
        }
        return next != null;
    }

    @Override
    public ImportRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ImportRecord record = next;
        next = null;
        return record;
    }

    /** How far into the input the reader is, in bytes: for progress against the input's size. */
    public long bytesRead() {
        return Math.max(0, parser.currentLocation().getByteOffset());
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ImportRecord readNext() {
        try {
            JsonToken token = parser.nextToken();
            if (array == null) {
                array = token == JsonToken.START_ARRAY;
                if (array) {
                    token = parser.nextToken();
                }
            }
            RecordPosition position;
            if (array) {
                if (token == JsonToken.END_ARRAY) {
                    if (parser.nextToken() != null) {
                        throw unreadable(parser.currentTokenLocation(), "more input after the closing ] of the array");
                    }
                    return finish();
                }
                position = RecordPosition.element(nextIndex++, parser.currentTokenLocation().getLineNr());
            } else {
                if (token == null) {
                    return finish();
                }
                JsonLocation start = parser.currentTokenLocation();
                if (start.getLineNr() == lastRecordEndLine) {
                    throw unreadable(start, "a second record on the same line (NDJSON holds one record per line)");
                }
                position = RecordPosition.line(start.getLineNr());
            }
            ImportRecord record = token == JsonToken.START_OBJECT ? readObject(position) : notAnObject(position, token);
            // After a closing bracket the parser stands right behind it; after a number it has already read the
            // character that ends it (perhaps the newline), but a scalar never spans lines.
            lastRecordEndLine = token.isStructStart() ? parser.currentLocation().getLineNr() : position.line();
            return record;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation() == null ? parser.currentLocation() : e.getLocation();
            throw new UnreadableInputException(where.getLineNr(), where.getColumnNr(),
                    "not well-formed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ImportRecord finish() {
        finished = true;
        return null;
    }

    private ImportRecord readObject(RecordPosition position) throws IOException {
        BookFields fields = BookJson.read(parser, BookJson.Repeats.REPORT);
        // The record carries the reader's findings itself (ImportRecord.problems), beside the fields it could read.
        return ImportRecord.of(position, fields.withoutProblems().toCreateCommand(), fields.problems().violations());
    }

    private ImportRecord notAnObject(RecordPosition position, JsonToken token) throws IOException {
        parser.skipChildren();
        return ImportRecord.unreadable(position, "is not a JSON object (found " + describe(token) + ")");
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> String.valueOf(token);
        };
    }

    private static UnreadableInputException unreadable(JsonLocation where, String problem) {
        return new UnreadableInputException(where.getLineNr(), where.getColumnNr(), problem, null);
    }
}
