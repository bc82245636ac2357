package dev.books.adapter.http.books;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The JSON of the book endpoints, configured once: request bodies read as a stream of tokens within tight bounds (a
 * book is a flat object of short values, so nothing deeper or longer needs materialising), and writers prepared per
 * response type, writing straight to bytes.
 */
final class BookJsonCodec {

    /** Nesting a request body may have: a book is one flat object; 16 leaves room for clients' mistakes. */
    static final int MAX_NESTING = 16;
    /** The longest string value or field name read: far above any field's limit, far below the body's. */
    static final int MAX_STRING_CHARS = 16 * 1024;
    /** The longest number read: years have four digits. */
    static final int MAX_NUMBER_CHARS = 64;

    /**
     * Jackson's working buffers, shared by every thread: its default keeps them per thread, and on virtual threads
     * (a new thread per request, ADR 0020) that is a fresh set of buffers, some 16 KiB, for every body read and
     * every response written.
     */
    static final RecyclerPool<BufferRecycler> BUFFERS = JsonRecyclerPools.sharedConcurrentDequePool();

    private final JsonFactory requests;
    private final ObjectWriter bookWriter;
    private final ObjectWriter pageWriter;

    BookJsonCodec() {
        this.requests = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxStringLength(MAX_STRING_CHARS)
                        .maxNameLength(MAX_STRING_CHARS)
                        .maxNumberLength(MAX_NUMBER_CHARS)
                        .build())
                // Field names are not kept in the shared symbol table: a body with a hundred thousand made-up
                // names must not grow (or flood) it. Duplicates are detected where it matters, for the fields the
                // binding knows (see BookRequestBinder): a set of every name seen would be another such growth.
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .recyclerPool(BUFFERS)
                .build();
        // The mapper only writes: requests never reach it (see above).
        ObjectMapper mapper = JsonMapper.builder(JsonFactory.builder().recyclerPool(BUFFERS).build())
                .addModule(new JavaTimeModule())
                // RFC 3339 text ("2026-01-01T00:00:00.123456Z"), not epoch numbers.
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        this.bookWriter = mapper.writerFor(BookResponse.class);
        this.pageWriter = mapper.writerFor(BookPageResponse.class);
    }

    /**
     * A parser over a request body in UTF-8, the one encoding RFC 8259 allows between systems. The bytes are
     * decoded strictly (a malformed sequence fails the read with a {@link java.nio.charset.CharacterCodingException})
     * before Jackson sees them: without its symbol table, Jackson would decode them leniently, into U+FFFD.
     */
    JsonParser parse(InputStream body) throws IOException {
        return requests.createParser(new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    byte[] write(BookResponse book) {
        return bytes(bookWriter, book);
    }

    byte[] write(BookPageResponse page) {
        return bytes(pageWriter, page);
    }

    private static byte[] bytes(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // Our own records of strings, numbers and instants always serialise; failing here is a bug.
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
