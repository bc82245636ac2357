package dev.books.adapter.http.problem;

import dev.books.domain.BookException;
import dev.books.domain.BookNotFoundException;
import dev.books.domain.DuplicateBookException;
import dev.books.domain.FieldViolation;
import dev.books.domain.InvalidBookException;
import dev.books.domain.InvalidIdempotencyKeyException;
import dev.books.domain.InvalidQueryException;
import dev.books.domain.StoreUnavailableException;
import dev.books.domain.VersionConflictException;
import io.javalin.http.HttpResponseException;
import java.util.List;

/**
 * Turns every failure into an RFC 9457 problem: which {@link ProblemType} each failure is, and what its detail may
 * say.
 *
 * <p>Details are written here, never copied from an exception message, so no response can carry a class name,
 * SQL or a stack trace; the only values echoed are the ones this service produced (ids it parsed, field names it
 * knows or that the client sent).
 */
public final class ProblemTranslation {

    /**
     * A failure translated: the kind of problem, its detail, and the failing fields (empty for most kinds) with
     * how many there are in all (more than listed when a request had very many).
     */
    record Translation(ProblemType kind, String detail, List<Problem.FieldError> errors, int totalErrors) {

        Translation(ProblemType kind, String detail) {
            this(kind, detail, List.of(), 0);
        }

        Problem toProblem(String requestId) {
            return new Problem(kind.type(), kind.title(), kind.status(), detail, requestId,
                    errors.isEmpty() ? null : errors, totalErrors > errors.size() ? totalErrors : null, null);
        }
    }

    static final String STORE_UNAVAILABLE_DETAIL = "The book store is unavailable; retry after the time in Retry-After.";
    public static final String STALE_TAG_DETAIL =
            "The book is not at a version If-Match names; read it again to get its current ETag.";
    public static final String INTERNAL_ERROR_DETAIL =
            "The server could not handle the request. The failure was logged under this request id.";

    private ProblemTranslation() {
    }

    /** The problem for any failure of a request. */
    static Translation translate(Throwable failure) {
        if (failure instanceof BookException refusal) {
            return translateRefusal(refusal);
        }
        if (failure instanceof RejectedRequest rejected) {
            return new Translation(rejected.type(), rejected.detail());
        }
        if (failure instanceof HttpResponseException javalin) {
            return forStatus(javalin.getStatus());
        }
        return new Translation(ProblemType.INTERNAL_ERROR, INTERNAL_ERROR_DETAIL);
    }

    /** Whether the failure is a bug or an outage we did not foresee, to be logged with its stack trace. */
    static boolean isUnexpected(Throwable failure) {
        return !(failure instanceof BookException || failure instanceof RejectedRequest
                || failure instanceof HttpResponseException);
    }

    /**
     * The problem for a status that Javalin or Jetty chose (unknown routes, a URI Jetty cannot parse, headers
     * too large): the detail says only what the status says.
     */
    static Translation forStatus(int status) {
        return switch (status) {
            case 404 -> new Translation(ProblemType.NOT_FOUND, "No resource lives at this path.");
            case 408 -> new Translation(ProblemType.REQUEST_TIMEOUT, "The request did not arrive in time.");
            case 405 -> new Translation(ProblemType.METHOD_NOT_ALLOWED,
                    "This resource does not support the method; see the Allow header.");
            case 413 -> new Translation(ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large.");
            case 414 -> new Translation(ProblemType.URI_TOO_LONG, "The request target is too long.");
            case 415 -> new Translation(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The request body has an unsupported type.");
            case 431 -> new Translation(ProblemType.HEADERS_TOO_LARGE, "The request headers are too large.");
            // Jetty answers an unknown HTTP version (505) or transfer coding (501) with a 5xx, but the mistake
            // is the client's: no client mistake gets a 5xx here.
            case 501, 505 -> new Translation(ProblemType.BAD_REQUEST,
                    "The request uses an HTTP version or transfer coding this server does not support.");
            case 503 -> new Translation(ProblemType.STORE_UNAVAILABLE, STORE_UNAVAILABLE_DETAIL);
            default -> status >= 400 && status < 500
                    ? new Translation(ProblemType.BAD_REQUEST, "The request could not be understood.")
                    : new Translation(ProblemType.INTERNAL_ERROR, INTERNAL_ERROR_DETAIL);
        };
    }

    /** A refusal of the domain, under its own code; only the detail is the adapter's to write. */
    private static Translation translateRefusal(BookException refusal) {
        ProblemType type = ProblemType.of(refusal);
        if (refusal instanceof InvalidBookException invalid) {
            return new Translation(type, invalid.unlisted() == 0
                    ? "One or more fields are invalid; see errors."
                    : "Many fields are invalid; errors lists the first " + invalid.violations().size() + ".",
                    fieldErrors(invalid.violations()), invalid.violations().size() + invalid.unlisted());
        }
        if (refusal instanceof InvalidQueryException invalid) {
            List<Problem.FieldError> errors = fieldErrors(invalid.violations());
            return new Translation(type, "One or more query parameters are invalid; see errors.", errors,
                    errors.size());
        }
        return new Translation(type, detailOf(refusal));
    }

    private static String detailOf(BookException refusal) {
        if (refusal instanceof BookNotFoundException notFound) {
            return "No book has the id " + notFound.id() + ".";
        }
        if (refusal instanceof DuplicateBookException duplicate) {
            return switch (duplicate.rule()) {
                case ISBN -> "A book with this ISBN already exists.";
                case TITLE_AND_AUTHOR ->
                        "A book with this title and author (ignoring case, spacing and Unicode form) already exists.";
            };
        }
        if (refusal instanceof VersionConflictException) {
            // Only a request with If-Match names an expected version; without one, changes queue, never conflict.
            return STALE_TAG_DETAIL;
        }
        if (refusal instanceof InvalidIdempotencyKeyException invalid) {
            return "The Idempotency-Key " + invalid.reason() + ".";
        }
        if (refusal instanceof StoreUnavailableException) {
            return STORE_UNAVAILABLE_DETAIL;
        }
        throw new IllegalStateException("no detail for " + refusal.code());
    }

    private static List<Problem.FieldError> fieldErrors(List<FieldViolation> violations) {
        return violations.stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList();
    }
}
