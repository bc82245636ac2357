package dev.books.adapter.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a request body that must be one JSON object: checks its media type, its size (before and while reading)
 * and its syntax, and refuses each failure with its own problem.
 */
final class JsonBodyReader {

    /** How much of a refused body is still read, so that the client sees the 413 (see {@link #drain}). */
    static final long MAX_DRAIN_BYTES = 8L * 1024 * 1024;

    private final JsonCodec json;
    private final int maxBytes;

    JsonBodyReader(JsonCodec json, int maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    /**
     * The body as a JSON object.
     *
     * @param mediaTypes the media types accepted (lower case, without parameters)
     * @throws RejectedRequest with 415, 413 or 400 (malformed JSON, or JSON that is not an object)
     */
    ObjectNode readObject(Context ctx, Set<String> mediaTypes) {
        requireMediaType(ctx, mediaTypes);
        byte[] body = readLimited(ctx);
        if (body.length == 0) {
            throw new RejectedRequest(ErrorTranslation.Kind.MALFORMED_JSON, "The request body is empty.");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new RejectedRequest(ErrorTranslation.Kind.MALFORMED_JSON, describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading from a byte array does no I/O
        }
        if (!(node instanceof ObjectNode object)) {
            throw new RejectedRequest(ErrorTranslation.Kind.MALFORMED_JSON,
                    "The request body must be a JSON object.");
        }
        return object;
    }

    private static void requireMediaType(Context ctx, Set<String> mediaTypes) {
        String contentEncoding = ctx.header("Content-Encoding");
        if (contentEncoding != null && !contentEncoding.equalsIgnoreCase("identity")) {
            throw new RejectedRequest(ErrorTranslation.Kind.UNSUPPORTED_MEDIA_TYPE,
                    "Request bodies must not be compressed (Content-Encoding is not supported).");
        }
        if (!isAccepted(ctx.header("Content-Type"), mediaTypes)) {
            throw new RejectedRequest(ErrorTranslation.Kind.UNSUPPORTED_MEDIA_TYPE,
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

    private byte[] readLimited(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        try {
            if (declared > maxBytes) {
                // A client that sent "Expect: 100-continue" waits for our go before sending the body; asking
                // Jetty for the input stream would give it, so refuse without touching the stream.
                if (!"100-continue".equalsIgnoreCase(ctx.header("Expect"))) {
                    drain(ctx.req().getInputStream());
                }
                throw tooLarge();
            }
            InputStream in = ctx.req().getInputStream();
            byte[] body = in.readNBytes(declared >= 0 ? (int) declared + 1 : maxBytes + 1);
            if (body.length > maxBytes) {
                drain(in);
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            // The client went away or sent a broken chunked body: nothing to answer it with but a 400.
            throw new RejectedRequest(ErrorTranslation.Kind.BAD_REQUEST, "The request body could not be read.");
        }
    }

    /**
     * Reads and drops what is left of a body we refuse, up to {@link #MAX_DRAIN_BYTES}: a server that closes the
     * connection on unread data makes the client's TCP stack reset it, and the client then often loses our 413
     * while it is still sending. Beyond the bound the connection is closed anyway.
     */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long drained = 0;
        int read;
        while (drained <= MAX_DRAIN_BYTES && (read = in.read(buffer)) >= 0) {
            drained += read;
        }
    }

    private RejectedRequest tooLarge() {
        return new RejectedRequest(ErrorTranslation.Kind.PAYLOAD_TOO_LARGE,
                "The request body must be at most " + maxBytes + " bytes.");
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Duplicate field")) {
            return "The request body names a field twice" + where + ".";
        }
        return "The request body is not valid JSON" + where + ".";
    }
}
