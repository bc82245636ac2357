package dev.books.adapter.http.edge;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpURI;

/**
 * Refuses request targets that different parsers could read differently, or that cannot be decoded: ambiguous
 * paths Jetty flags ({@code %2F}, {@code %2e%2e}, {@code //}...), percent escapes that are not hex or not UTF-8,
 * raw bytes that are not UTF-8, and control characters (such as {@code %00}) in the path. Such a request never reaches a route, so no route
 * needs to guard itself, and the answer is a problem like any other.
 */
final class RequestTargets {

    private RequestTargets() {
    }

    /** Why the target is refused, or null when it is acceptable. */
    static String refusal(HttpURI uri) {
        if (uri.hasViolations()) {
            return "The request path is ambiguous (encoded separators, dot segments or empty segments).";
        }
        String path = uri.getPath();
        String query = uri.getQuery();
        if (hasUndecodableBytes(path) || hasUndecodableBytes(query)) {
            return "The request target holds raw bytes that are not UTF-8; percent-encode its text as UTF-8.";
        }
        if (path != null && !isCleanlyEncoded(path, true)) {
            return "The request path has a malformed percent-encoding or a control character.";
        }
        if (query != null && !isCleanlyEncoded(query, false)) {
            return "The query string has a malformed percent-encoding.";
        }
        return null;
    }

    /**
     * Whether every percent escape is two hex digits, the escaped bytes are UTF-8, and (in a path) nothing decodes
     * to a control character. Scans without allocating unless there is an escape.
     */
    static boolean isCleanlyEncoded(String component, boolean isPath) {
        if (component.indexOf('%') < 0) {
            return !isPath || !hasControl(component);
        }
        ByteBuffer bytes = ByteBuffer.allocate(component.length() * 3);
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '%') {
                if (i + 2 >= component.length()) {
                    return false;
                }
                int high = Character.digit(component.charAt(i + 1), 16);
                int low = Character.digit(component.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return false;
                }
                bytes.put((byte) (high << 4 | low));
                i += 2;
            } else if (c < 0x80) {
                bytes.put((byte) c);
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            return false;
        }
        return !isPath || !hasControl(decoded);
    }

    /**
     * Whether Jetty met raw bytes that are not UTF-8 in the target: it decodes them into U+FFFD, so that such a
     * query would reach a route as text nobody sent (while the same bytes percent-escaped are refused). A client
     * that sends a raw U+FFFD itself is refused too: it is indistinguishable, and no legitimate target needs one.
     */
    static boolean hasUndecodableBytes(String component) {
        return component != null && component.indexOf('\uFFFD') >= 0;
    }

    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }
}
