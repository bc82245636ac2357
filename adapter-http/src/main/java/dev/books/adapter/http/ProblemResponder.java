package dev.books.adapter.http;

import io.javalin.http.Context;
import io.javalin.http.MethodNotAllowedResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every failure that reaches Javalin with a problem (see {@link ErrorTranslation}); logs the unexpected
 * ones, once each, with their stack trace and request id.
 */
final class ProblemResponder {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponder.class);

    private final JsonCodec json;
    private final ProblemHeaders headers;

    ProblemResponder(JsonCodec json, ProblemHeaders headers) {
        this.json = json;
        this.headers = headers;
    }

    /** The exception handler for every {@link Exception} a handler throws (and Javalin's own 404 and 405). */
    void respond(Exception failure, Context ctx) {
        String requestId = requestId(ctx.res());
        if (ErrorTranslation.isUnexpected(failure)) {
            LOG.error("Request {} failed: {} {}", requestId, ctx.method(), ctx.path(), failure);
        }
        ErrorTranslation.Translation translation =
                ErrorTranslation.translate(failure);
        ctx.status(translation.kind().status());
        headers.forEach(translation.kind(), ctx::header);
        if (failure instanceof MethodNotAllowedResponse notAllowed) {
            String allowed = notAllowed.getDetails().getOrDefault("availableMethods",
                    notAllowed.getDetails().get("Available methods"));
            if (allowed != null) {
                ctx.header("Allow", allowed);
            }
        }
        ctx.contentType(ProblemHeaders.PROBLEM_JSON).result(json.write(translation.toProblem(requestId)));
    }

    /**
     * Javalin's handler for a {@link Error} thrown while serving (which bypasses exception handlers): still a
     * problem, still logged once.
     */
    void respondToError(HttpServletResponse res, Error error) {
        String requestId = requestId(res);
        LOG.error("Request {} failed with an error", requestId, error);
        if (res.isCommitted()) {
            return;
        }
        ErrorTranslation.Translation translation = ErrorTranslation.translate(error);
        res.setStatus(translation.kind().status());
        headers.forEach(translation.kind(), res::setHeader);
        res.setContentType(ProblemHeaders.PROBLEM_JSON);
        try {
            res.getOutputStream().write(json.write(translation.toProblem(requestId)));
        } catch (IOException e) {
            LOG.debug("Could not write the problem for request {}", requestId, e);
        }
    }

    /** Set by the {@link EdgeHandler} on every response before Javalin sees the request. */
    private static String requestId(HttpServletResponse res) {
        String id = res.getHeader(RequestIds.HEADER);
        return id != null ? id : "unknown";
    }
}
