package dev.books.adapter.http.edge;

import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The one request framing this API reads besides Content-Length: {@code Transfer-Encoding: chunked}, alone. Jetty
 * frames a body by its last transfer coding and passes the others over, so {@code gzip, chunked} would arrive as
 * plain bytes read as if they were the body; any coding but a single {@code chunked} is refused instead (RFC 9112,
 * 6.1: a coding the server does not apply must not be silently ignored).
 *
 * <p>The refusal is a 400, not the 501 the RFC suggests for a coding it does not understand: this API answers
 * no client mistake with a 5xx, so that its 5xx rate stays a signal of server trouble (the same choice as for
 * Jetty's own 501 and 505).
 */
final class TransferCodings {

    private TransferCodings() {
    }

    /** Why the request's transfer codings are refused, or null when it has none or only {@code chunked}. */
    static String refusal(HttpFields headers) {
        int codings = 0;
        String other = null;
        int chunked = 0;
        for (HttpField field : headers) {
            if (field.getHeader() != HttpHeader.TRANSFER_ENCODING) {
                continue;
            }
            for (String value : field.getValue().split(",")) {
                String coding = value.strip().toLowerCase(Locale.ROOT);
                if (coding.isEmpty()) {
                    continue;
                }
                codings++;
                if (coding.equals("chunked")) {
                    chunked++;
                } else if (other == null) {
                    other = coding;
                }
            }
        }
        if (codings == 0 || (codings == 1 && chunked == 1)) {
            return null;
        }
        if (other != null) {
            String shown = other.length() > 40 ? other.substring(0, 40) + "..." : other;
            return "The transfer coding \"" + shown + "\" is not supported: send the body as it is, with"
                    + " Content-Length or Transfer-Encoding: chunked alone.";
        }
        return "Transfer-Encoding names chunked more than once; a body is chunked once.";
    }
}
