package dev.books.adapter.http.books;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.books.adapter.http.exchange.Principals;
import dev.books.adapter.http.exchange.RequestIds;
import dev.books.adapter.http.problem.ProblemType;
import dev.books.adapter.http.problem.RejectedRequest;
import dev.books.application.Claim;
import dev.books.application.IdempotentRequests;
import dev.books.domain.StoreUnavailableException;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Idempotency-Key} on {@code POST /books} (draft-ietf-httpapi-idempotency-key-header): a create retried with
 * the same key and the same body gets the first attempt's response again (status, Location, ETag, body), never a
 * second book; the same key with another body is 422; the same key while the first attempt still runs is 409.
 *
 * <p>The key is claimed only once the body has been read and bound: a request refused for its content repeats its
 * refusal on a retry without any record. A create that fails gives the key up, so a retry runs again. The first
 * response is kept for the key's lifetime (24 h by default) in the request log, shared by every instance.
 */
final class IdempotentCreates {

    static final String HEADER = "Idempotency-Key";
    private static final Logger LOG = LoggerFactory.getLogger(IdempotentCreates.class);
    /** Keys are the client's own: per operation and per principal, so two clients' keys never meet. */
    private static final String SCOPE = "POST /books ";
    private static final ObjectMapper RESPONSES = JsonMapper.builder().build();

    private final IdempotentRequests requests;

    IdempotentCreates(IdempotentRequests requests) {
        this.requests = requests;
    }

    /** The key the request carries, or null without one. */
    static String key(Context ctx) {
        Enumeration<String> lines = ctx.req().getHeaders(HEADER);
        if (lines == null || !lines.hasMoreElements()) {
            return null;
        }
        String value = lines.nextElement();
        if (lines.hasMoreElements()) {
            throw new RejectedRequest(ProblemType.BAD_REQUEST, HEADER + " must be given once.");
        }
        return unquoted(value.strip());
    }

    /**
     * Runs {@code create} at most once for the key: writes its answer, or the first attempt's, to {@code ctx}.
     *
     * @param fingerprint what makes two requests the same (a digest of the body)
     * @param create      runs the create and says how to answer it
     */
    void once(Context ctx, String key, byte[] fingerprint, Supplier<Answer> create) {
        Claim claim = requests.claim(SCOPE + Principals.actorOf(ctx.req()).name(), key,
                HexFormat.of().formatHex(fingerprint));
        if (claim instanceof Claim.Replay replay) {
            replay(ctx, replay.response());
        } else if (claim instanceof Claim.InProgress) {
            throw new RejectedRequest(ProblemType.IDEMPOTENCY_KEY_IN_USE,
                    "A request with this Idempotency-Key is still being processed; retry after Retry-After.");
        } else if (claim instanceof Claim.Mismatch) {
            throw new RejectedRequest(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different request; use a new key for a new request.");
        } else {
            run((Claim.Granted) claim, ctx, create);
        }
    }

    private static void run(Claim.Granted claim, Context ctx, Supplier<Answer> create) {
        Answer answer;
        try {
            answer = create.get();
        } catch (RuntimeException | Error e) {
            releaseQuietly(claim, ctx);
            throw e;
        }
        answer.writeTo(ctx);
        try {
            claim.complete(encode(answer));
        } catch (StoreUnavailableException e) {
            // The book exists and the client gets its 201; a retry after the claim's lease finds the book a
            // duplicate (409), never makes a second one.
            LOG.warn("Request {} created its book but its Idempotency-Key could not be completed: {}",
                    ctx.res().getHeader(RequestIds.HEADER), e.getMessage());
        }
    }

    private static void releaseQuietly(Claim.Granted claim, Context ctx) {
        try {
            claim.release();
        } catch (StoreUnavailableException e) {
            LOG.warn("Request {} failed and its Idempotency-Key could not be released (it lapses with its lease): {}",
                    ctx.res().getHeader(RequestIds.HEADER), e.getMessage());
        }
    }

    private static byte[] encode(Answer answer) {
        try {
            return RESPONSES.writeValueAsBytes(new StoredAnswer(answer.status(), answer.headers(),
                    new String(answer.body(), StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an answer", e);
        }
    }

    private static void replay(Context ctx, byte[] stored) {
        StoredAnswer answer;
        try {
            answer = RESPONSES.readValue(stored, StoredAnswer.class);
        } catch (IOException e) {
            throw new IllegalStateException("a stored answer is not readable", e);
        }
        new Answer(answer.status(), answer.headers(), answer.body().getBytes(StandardCharsets.UTF_8)).writeTo(ctx);
    }

    /** The content of an sf-string ({@code "…"}, with {@code \"} and {@code \\}), or the value as sent. */
    private static String unquoted(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder content = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            content.append(c);
        }
        return content.toString();
    }

    /** A response: its status, the headers that belong to it, its body (JSON text). */
    record Answer(int status, Map<String, String> headers, byte[] body) {

        void writeTo(Context ctx) {
            ctx.status(status);
            headers.forEach(ctx::header);
            ctx.result(body);
        }
    }

    /** An answer as kept in the request log: JSON, the body as text. */
    private record StoredAnswer(int status, Map<String, String> headers, String body) {
    }
}
