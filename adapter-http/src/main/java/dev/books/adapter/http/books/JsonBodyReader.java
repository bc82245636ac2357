package dev.books.adapter.http.books;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.books.adapter.http.problem.ProblemType;
import dev.books.adapter.http.problem.RejectedRequest;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Reads a request body that must be one JSON object: checks its media type, its size (while reading) and its syntax,
 * and refuses each failure with its own problem. The object is never built in memory: its fields are handed, token
 * by token, to a binding that keeps only what it needs, so what a body costs is bounded by the binding, not by
 * what a client chose to send.
 */
final class JsonBodyReader {

    /** Walks the fields of the object; called with the parser just inside its opening brace. */
    @FunctionalInterface
    interface ObjectBinding<T> {
        T bind(JsonParser parser) throws IOException;
    }

    private final BookJsonCodec json;
    private final int maxBytes;

    JsonBodyReader(BookJsonCodec json, int maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    /**
     * What the binding makes of the body's object.
     *
     * @param mediaTypes  the media types accepted (lower case, without parameters)
     * @param fingerprint a digest to feed the body's bytes to as they are read, or null
     * @throws RejectedRequest with 415, 413 or 400 (malformed JSON, JSON that is not one object, or a value
     *                         beyond the reader's bounds)
     */
    <T> T readObject(Context ctx, Set<String> mediaTypes, ObjectBinding<T> binding, MessageDigest fingerprint) {
        requireMediaType(ctx, mediaTypes);
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw tooLarge();
        }
        InputStream body;
        try {
            body = new LimitedInputStream(ctx.req().getInputStream(), maxBytes);
        } catch (IOException e) {
            throw unreadable();
        }
        if (fingerprint != null) {
            body = new DigestInputStream(body, fingerprint);
        }
        try (JsonParser parser = json.parse(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new RejectedRequest(ProblemType.MALFORMED_JSON, "The request body is empty.");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new RejectedRequest(ProblemType.MALFORMED_JSON,
                        "The request body must be a JSON object.");
            }
            T bound = binding.bind(parser);
            if (parser.nextToken() != null) {
                throw new RejectedRequest(ProblemType.MALFORMED_JSON,
                        "The request body holds more than one JSON value" + where(parser.currentTokenLocation())
                                + ".");
            }
            return bound;
        } catch (LimitedInputStream.LimitExceeded e) {
            throw tooLarge();
        } catch (StreamConstraintsException e) {
            throw new RejectedRequest(ProblemType.MALFORMED_JSON, "The request body nests deeper than "
                    + BookJsonCodec.MAX_NESTING + " levels, or holds a name, string or number longer than this API reads ("
                    + BookJsonCodec.MAX_STRING_CHARS + " characters for text, " + BookJsonCodec.MAX_NUMBER_CHARS
                    + " for numbers).");
        } catch (JsonProcessingException e) {
            throw new RejectedRequest(ProblemType.MALFORMED_JSON,
                    "The request body is not valid JSON" + where(e.getLocation()) + ".");
        } catch (CharacterCodingException e) {
            throw new RejectedRequest(ProblemType.MALFORMED_JSON, "The request body is not valid UTF-8.");
        } catch (IOException e) {
            if (causedBy(e, TimeoutException.class)) {
                // Jetty's minimum data rate (or its idle timeout) cut off a body that came in too slowly.
                throw new RejectedRequest(ProblemType.REQUEST_TIMEOUT,
                        "The request body did not arrive in time.");
            }
            // The client went away or sent a broken chunked body: nothing to answer it with but a 400.
            throw unreadable();
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static void requireMediaType(Context ctx, Set<String> mediaTypes) {
        String contentEncoding = ctx.header("Content-Encoding");
        if (contentEncoding != null && !contentEncoding.equalsIgnoreCase("identity")) {
            throw new RejectedRequest(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Request bodies must not be compressed (Content-Encoding is not supported).");
        }
        if (!isAccepted(ctx.header("Content-Type"), mediaTypes)) {
            throw new RejectedRequest(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as " + String.join(" or ", mediaTypes.stream().sorted().toList())
                            + " in UTF-8.");
        }
    }

    /** Whether a Content-Type names one of the media types, with no charset or UTF-8. */
    static boolean isAccepted(String contentType, Set<String> mediaTypes) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!mediaTypes.contains(parts[0].strip().toLowerCase(Locale.ROOT))) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase("charset")) {
                String charset = parameter.substring(equals + 1).strip();
                if (charset.length() >= 2 && charset.startsWith("\"") && charset.endsWith("\"")) {
                    charset = charset.substring(1, charset.length() - 1);
                }
                if (!charset.equalsIgnoreCase("utf-8")) {
                    return false;
                }
            }
        }
        return true;
    }

    private RejectedRequest tooLarge() {
        return new RejectedRequest(ProblemType.PAYLOAD_TOO_LARGE,
                "The request body must be at most " + maxBytes + " bytes.");
    }

    private static RejectedRequest unreadable() {
        return new RejectedRequest(ProblemType.BAD_REQUEST, "The request body could not be read.");
    }

    /** " (line 3, column 14)", or nothing when the parser does not know. */
    static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
