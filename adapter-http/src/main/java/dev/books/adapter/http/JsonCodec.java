package dev.books.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The API's JSON, configured once: strict reading (duplicate keys and trailing content are errors; no scalar
 * coercion should anything ever bind to a type) and writers prepared per response type, writing straight to bytes.
 */
final class JsonCodec {

    private final ObjectReader treeReader;
    private final ObjectWriter bookWriter;
    private final ObjectWriter pageWriter;
    private final ObjectWriter problemWriter;

    JsonCodec() {
        ObjectMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                // RFC 3339 text ("2026-01-01T00:00:00.123456Z"), not epoch numbers.
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // A body with two "title" keys is ambiguous: refuse it rather than keep the last one.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                // '{"title":"x"} {"title":"y"}' or '{...} garbage' is not one JSON document.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // Bodies are bound field by field from the tree (see BookRequestBinder), but should anything be
                // bound to a type, it gets the same strictness: "1999" is not a number, 1999.5 not an int.
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.treeReader = mapper.reader();
        this.bookWriter = mapper.writerFor(BookResponse.class);
        this.pageWriter = mapper.writerFor(BookPageResponse.class);
        this.problemWriter = mapper.writerFor(Problem.class);
    }

    /** The JSON document in {@code bytes}; Jackson detects the Unicode encoding, as RFC 8259 allows. */
    JsonNode readTree(byte[] bytes) throws IOException {
        return treeReader.readTree(bytes);
    }

    byte[] write(BookResponse book) {
        return bytes(bookWriter, book);
    }

    byte[] write(BookPageResponse page) {
        return bytes(pageWriter, page);
    }

    byte[] write(Problem problem) {
        return bytes(problemWriter, problem);
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
