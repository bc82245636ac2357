package dev.books.adapter.http.problem;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.books.adapter.http.exchange.RequestIds;
import io.javalin.http.Context;
import io.javalin.http.MethodNotAllowedResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.BiConsumer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of problem bodies ({@code application/problem+json}, RFC 9457), whichever layer answers: Javalin's
 * exception handlers ({@link #respond}), Jetty before or without Javalin ({@link #write}), the readiness probe
 * ({@link #notReady}). Every problem carries the request id, {@code Cache-Control: no-store}, and, where retrying
 * helps, {@code Retry-After}. Unexpected failures are logged here, once each, with their stack trace.
 */
public final class ProblemWriter {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(ProblemWriter.class);
    /** Jackson's buffers shared by every thread, not kept per thread: requests may run on virtual threads. */
    private static final ObjectWriter PROBLEMS = JsonMapper.builder(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build()).build().writerFor(Problem.class);

    private final String retryAfterSeconds;

    /** @param retryAfterSeconds what Retry-After says when the store is unavailable */
    public ProblemWriter(long retryAfterSeconds) {
        this.retryAfterSeconds = Long.toString(retryAfterSeconds);
    }

    /** Javalin's handler for every {@link Exception} a route throws (and Javalin's own 404 and 405). */
    public void respond(Exception failure, Context ctx) {
        String requestId = requestId(ctx.res());
        if (ProblemTranslation.isUnexpected(failure)) {
            LOG.error("Request {} failed: {} {}", requestId, ctx.method(), ctx.path(), failure);
        }
        ProblemTranslation.Translation translation = ProblemTranslation.translate(failure);
        ctx.status(translation.kind().status());
        headers(translation.kind(), ctx::header);
        if (failure instanceof MethodNotAllowedResponse notAllowed) {
            String allowed = notAllowed.getDetails().getOrDefault("availableMethods",
                    notAllowed.getDetails().get("Available methods"));
            if (allowed != null) {
                ctx.header("Allow", allowed);
            }
        }
        ctx.contentType(PROBLEM_JSON).result(bytes(translation.toProblem(requestId)));
    }

    /**
     * Javalin's handler for a {@link Error} thrown while serving (which bypasses exception handlers): still a
     * problem, still logged once.
     */
    public void respondToError(HttpServletResponse res, Error error) {
        String requestId = requestId(res);
        LOG.error("Request {} failed with an error", requestId, error);
        if (res.isCommitted()) {
            return;
        }
        ProblemTranslation.Translation translation = ProblemTranslation.translate(error);
        res.setStatus(translation.kind().status());
        headers(translation.kind(), res::setHeader);
        res.setContentType(PROBLEM_JSON);
        try {
            res.getOutputStream().write(bytes(translation.toProblem(requestId)));
        } catch (IOException e) {
            LOG.debug("Could not write the problem for request {}", requestId, e);
        }
    }

    /** The readiness probe's 503, with the state of each check when they were run (null while shutting down). */
    public void notReady(Context ctx, String detail, Map<String, String> checks) {
        ProblemType type = ProblemType.NOT_READY;
        ctx.status(type.status());
        headers(type, ctx::header);
        ctx.contentType(PROBLEM_JSON).result(bytes(new Problem(type.type(), type.title(), type.status(), detail,
                requestId(ctx.res()), null, null, checks)));
    }

    /** Answers a request straight through Jetty, before (or without) Javalin. */
    public void write(Request request, Response response, Callback callback, ProblemType type, String detail) {
        write(request, response, callback, new ProblemTranslation.Translation(type, detail));
    }

    /**
     * Answers a request with the problem for a status that Jetty chose (a request line or header it cannot parse, a
     * URI too long, headers too large): the detail says only what the status says.
     *
     * @return the type written, for the caller to tell server errors from client mistakes
     */
    public ProblemType writeForStatus(Request request, Response response, Callback callback, int status) {
        ProblemTranslation.Translation translation = ProblemTranslation.forStatus(status);
        write(request, response, callback, translation);
        return translation.kind();
    }

    /** The request id the edge handler assigned, or one assigned now (for requests that never reached it). */
    public static String requestId(Request request) {
        Object assigned = request.getAttribute(RequestIds.ATTRIBUTE);
        if (assigned instanceof String id) {
            return id;
        }
        String id = RequestIds.accept(request.getHeaders().get(RequestIds.HEADER));
        request.setAttribute(RequestIds.ATTRIBUTE, id);
        return id;
    }

    private void write(Request request, Response response, Callback callback,
                       ProblemTranslation.Translation translation) {
        String requestId = requestId(request);
        int status = translation.kind().status();
        response.setStatus(status);
        HttpFields.Mutable fields = response.getHeaders();
        fields.put(RequestIds.HEADER, requestId);
        headers(translation.kind(), fields::put);
        if (HttpStatus.hasNoBody(status)) {
            callback.succeeded();
            return;
        }
        fields.put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
        response.write(true, ByteBuffer.wrap(bytes(translation.toProblem(requestId))), callback);
    }

    /** The headers a problem carries besides its body: Cache-Control on all, Retry-After where retrying helps. */
    private void headers(ProblemType type, BiConsumer<String, String> header) {
        // An error describes this attempt only; no cache should replay it.
        header.accept("Cache-Control", "no-store");
        if (type == ProblemType.STORE_UNAVAILABLE || type == ProblemType.AUTHENTICATION_UNAVAILABLE) {
            header.accept("Retry-After", retryAfterSeconds);
        } else if (type == ProblemType.SERVER_BUSY || type == ProblemType.IDEMPOTENCY_KEY_IN_USE) {
            // Bodies in flight finish within milliseconds (or their deadline); a create in flight, within its own.
            header.accept("Retry-After", "1");
        }
    }

    /** Set by the edge handler on every response before Javalin sees the request. */
    private static String requestId(HttpServletResponse res) {
        String id = res.getHeader(RequestIds.HEADER);
        return id != null ? id : "unknown";
    }

    private static byte[] bytes(Problem problem) {
        try {
            return PROBLEMS.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            // A record of strings and numbers always serialises; failing here is a bug.
            throw new IllegalStateException("cannot serialise a problem", e);
        }
    }
}
