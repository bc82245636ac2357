package dev.books.adapter.http;

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
 * The one table that turns every failure into an RFC 9457 problem: which status, type and title each kind of
 * failure gets, and what its detail may say. Nothing else in the adapter decides a status for an error.
 *
 * <p>Details are written here, never copied from an exception message, so no response can carry a class name,
 * SQL or a stack trace; the only values echoed are the ones this service produced (ids it parsed, field names it
 * knows or that the client sent).
 */
final class ErrorTranslation {

    /** Every problem type this API answers with. */
    enum Kind {
        INVALID_BOOK("invalid-book", 422, "The book is not valid"),
        INVALID_QUERY("invalid-query", 400, "The query is not valid"),
        BOOK_NOT_FOUND("book-not-found", 404, "Book not found"),
        DUPLICATE_BOOK("duplicate-book", 409, "Duplicate book"),
        VERSION_CONFLICT("version-conflict", 412, "Version conflict"),
        INVALID_IDEMPOTENCY_KEY("invalid-idempotency-key", 400, "Invalid Idempotency-Key"),
        /** The first request with this Idempotency-Key is still running. */
        IDEMPOTENCY_KEY_IN_USE("idempotency-key-in-use", 409, "Idempotency-Key in use"),
        /** The Idempotency-Key was used before for a request with another body. */
        IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "Idempotency-Key reused"),
        STORE_UNAVAILABLE("store-unavailable", 503, "Service unavailable"),
        /** More request bodies arriving at once than the server holds in memory: retry shortly. */
        SERVER_BUSY("server-busy", 503, "Server busy"),
        /** The readiness probe's refusal: shutting down, or the database does not answer. */
        NOT_READY("not-ready", 503, "Not ready"),
        MALFORMED_JSON("malformed-json", 400, "Malformed JSON"),
        MALFORMED_ID("malformed-id", 400, "Malformed book id"),
        BAD_REQUEST("bad-request", 400, "Bad request"),
        /** The request did not arrive in time (a body trickled below the minimum data rate). */
        REQUEST_TIMEOUT("request-timeout", 408, "Request timeout"),
        UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
        PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large"),
        URI_TOO_LONG("uri-too-long", 414, "URI too long"),
        HEADERS_TOO_LARGE("headers-too-large", 431, "Request header fields too large"),
        NOT_FOUND("not-found", 404, "Not found"),
        METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
        INTERNAL_ERROR("internal-error", 500, "Internal server error");

        private final String type;
        private final int status;
        private final String title;

        Kind(String code, int status, String title) {
            this.type = "urn:books:problem:" + code;
            this.status = status;
            this.title = title;
        }

        String type() {
            return type;
        }

        int status() {
            return status;
        }

        String title() {
            return title;
        }
    }

    /**
     * A failure translated: the kind of problem, its detail, and the failing fields (empty for most kinds) with
     * how many there are in all (more than listed when a request had very many).
     */
    record Translation(Kind kind, String detail, List<Problem.FieldError> errors, int totalErrors) {

        Translation(Kind kind, String detail) {
            this(kind, detail, List.of(), 0);
        }

        Problem toProblem(String requestId) {
            return new Problem(kind.type(), kind.title(), kind.status(), detail, requestId,
                    errors.isEmpty() ? null : errors, totalErrors > errors.size() ? totalErrors : null, null);
        }
    }

    static final String STORE_UNAVAILABLE_DETAIL = "The book store is unavailable; retry after the time in Retry-After.";
    static final String STALE_TAG_DETAIL =
            "The book is not at a version If-Match names; read it again to get its current ETag.";
    static final String INTERNAL_ERROR_DETAIL =
            "The server could not handle the request. The failure was logged under this request id.";

    private ErrorTranslation() {
    }

    /** The problem for any failure of a request. */
    static Translation translate(Throwable failure) {
        if (failure instanceof BookException refusal) {
            return translateRefusal(refusal);
        }
        if (failure instanceof RejectedRequest rejected) {
            return new Translation(rejected.kind(), rejected.detail());
        }
        if (failure instanceof HttpResponseException javalin) {
            return forStatus(javalin.getStatus());
        }
        return new Translation(Kind.INTERNAL_ERROR, INTERNAL_ERROR_DETAIL);
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
            case 404 -> new Translation(Kind.NOT_FOUND, "No resource lives at this path.");
            case 408 -> new Translation(Kind.REQUEST_TIMEOUT, "The request did not arrive in time.");
            case 405 -> new Translation(Kind.METHOD_NOT_ALLOWED,
                    "This resource does not support the method; see the Allow header.");
            case 413 -> new Translation(Kind.PAYLOAD_TOO_LARGE, "The request body is too large.");
            case 414 -> new Translation(Kind.URI_TOO_LONG, "The request target is too long.");
            case 415 -> new Translation(Kind.UNSUPPORTED_MEDIA_TYPE, "The request body has an unsupported type.");
            case 431 -> new Translation(Kind.HEADERS_TOO_LARGE, "The request headers are too large.");
            // Jetty answers an unknown HTTP version (505) or transfer coding (501) with a 5xx, but the mistake
            // is the client's: no client mistake gets a 5xx here.
            case 501, 505 -> new Translation(Kind.BAD_REQUEST,
                    "The request uses an HTTP version or transfer coding this server does not support.");
            case 503 -> new Translation(Kind.STORE_UNAVAILABLE, STORE_UNAVAILABLE_DETAIL);
            default -> status >= 400 && status < 500
                    ? new Translation(Kind.BAD_REQUEST, "The request could not be understood.")
                    : new Translation(Kind.INTERNAL_ERROR, INTERNAL_ERROR_DETAIL);
        };
    }

    private static Translation translateRefusal(BookException refusal) {
        if (refusal instanceof InvalidBookException invalid) {
            return new Translation(Kind.INVALID_BOOK, invalid.unlisted() == 0
                    ? "One or more fields are invalid; see errors."
                    : "Many fields are invalid; errors lists the first " + invalid.violations().size() + ".",
                    fieldErrors(invalid.violations()), invalid.violations().size() + invalid.unlisted());
        }
        if (refusal instanceof InvalidQueryException invalid) {
            List<Problem.FieldError> errors = fieldErrors(invalid.violations());
            return new Translation(Kind.INVALID_QUERY, "One or more query parameters are invalid; see errors.",
                    errors, errors.size());
        }
        if (refusal instanceof BookNotFoundException notFound) {
            return new Translation(Kind.BOOK_NOT_FOUND, "No book has the id " + notFound.id() + ".");
        }
        if (refusal instanceof DuplicateBookException duplicate) {
            return new Translation(Kind.DUPLICATE_BOOK, switch (duplicate.rule()) {
                case ISBN -> "A book with this ISBN already exists.";
                case TITLE_AND_AUTHOR -> "A book with this title and author (ignoring case, spacing and Unicode form) already exists.";
            });
        }
        if (refusal instanceof VersionConflictException) {
            // Only a request with If-Match names an expected version; without one, changes queue, never conflict.
            return new Translation(Kind.VERSION_CONFLICT, STALE_TAG_DETAIL);
        }
        if (refusal instanceof InvalidIdempotencyKeyException invalid) {
            return new Translation(Kind.INVALID_IDEMPOTENCY_KEY, "The Idempotency-Key " + invalid.reason() + ".");
        }
        if (refusal instanceof StoreUnavailableException) {
            return new Translation(Kind.STORE_UNAVAILABLE, STORE_UNAVAILABLE_DETAIL);
        }
        throw new IllegalStateException("no translation for " + refusal.code());
    }

    private static List<Problem.FieldError> fieldErrors(List<FieldViolation> violations) {
        return violations.stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList();
    }
}
