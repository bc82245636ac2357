package dev.books.adapter.http.problem;

import dev.books.domain.BookException;
import dev.books.domain.BookNotFoundException;
import dev.books.domain.DuplicateBookException;
import dev.books.domain.InvalidBookException;
import dev.books.domain.InvalidIdempotencyKeyException;
import dev.books.domain.InvalidQueryException;
import dev.books.domain.StoreUnavailableException;
import dev.books.domain.VersionConflictException;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every problem type this API answers with: its code (the end of its type URI, {@code urn:books:problem:<code>}),
 * status and title. This is the API's one vocabulary of errors: the domain's refusals keep the domain's own codes
 * ({@link BookException#code()}), the adapter's own refusals are named here, and nothing else decides a status for
 * an error.
 *
 * @param code   a stable, machine-readable name, such as {@code duplicate-book}
 * @param status the HTTP status
 * @param title  fixed per type, for people
 */
public record ProblemType(String code, int status, String title) {

    // The domain's refusals, under the domain's codes.
    public static final ProblemType INVALID_BOOK = new ProblemType(InvalidBookException.CODE, 422, "The book is not valid");
    public static final ProblemType INVALID_QUERY =
            new ProblemType(InvalidQueryException.CODE, 400, "The query is not valid");
    public static final ProblemType BOOK_NOT_FOUND = new ProblemType(BookNotFoundException.CODE, 404, "Book not found");
    public static final ProblemType DUPLICATE_BOOK = new ProblemType(DuplicateBookException.CODE, 409, "Duplicate book");
    public static final ProblemType VERSION_CONFLICT =
            new ProblemType(VersionConflictException.CODE, 412, "Version conflict");
    public static final ProblemType INVALID_IDEMPOTENCY_KEY =
            new ProblemType(InvalidIdempotencyKeyException.CODE, 400, "Invalid Idempotency-Key");
    public static final ProblemType STORE_UNAVAILABLE =
            new ProblemType(StoreUnavailableException.CODE, 503, "Service unavailable");

    // The HTTP adapter's own.
    /** No credentials, or credentials that are not valid (with WWW-Authenticate). */
    public static final ProblemType UNAUTHORIZED = new ProblemType("unauthorized", 401, "Unauthorized");
    /** Valid credentials without the scope the request needs (with WWW-Authenticate). */
    public static final ProblemType FORBIDDEN = new ProblemType("forbidden", 403, "Forbidden");
    /** The caller's rate limit is spent (with Retry-After, RateLimit-Policy and RateLimit). */
    public static final ProblemType TOO_MANY_REQUESTS = new ProblemType("too-many-requests", 429, "Too many requests");
    /** The identity provider's keys cannot be had now: a token can be neither accepted nor refused. */
    public static final ProblemType AUTHENTICATION_UNAVAILABLE =
            new ProblemType("authentication-unavailable", 503, "Authentication unavailable");
    /** The readiness probe's refusal: shutting down, or the database does not answer. */
    public static final ProblemType NOT_READY = new ProblemType("not-ready", 503, "Not ready");
    /** More request bodies arriving at once than the server holds in memory: retry shortly. */
    public static final ProblemType SERVER_BUSY = new ProblemType("server-busy", 503, "Server busy");
    /** The first request with this Idempotency-Key is still running. */
    public static final ProblemType IDEMPOTENCY_KEY_IN_USE =
            new ProblemType("idempotency-key-in-use", 409, "Idempotency-Key in use");
    /** The Idempotency-Key was used before for a request with another body. */
    public static final ProblemType IDEMPOTENCY_KEY_REUSED =
            new ProblemType("idempotency-key-reused", 422, "Idempotency-Key reused");
    public static final ProblemType MALFORMED_JSON = new ProblemType("malformed-json", 400, "Malformed JSON");
    public static final ProblemType MALFORMED_ID = new ProblemType("malformed-id", 400, "Malformed book id");
    public static final ProblemType BAD_REQUEST = new ProblemType("bad-request", 400, "Bad request");
    /** The request did not arrive in time (a body trickled below the minimum data rate, or past its deadline). */
    public static final ProblemType REQUEST_TIMEOUT = new ProblemType("request-timeout", 408, "Request timeout");
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE =
            new ProblemType("unsupported-media-type", 415, "Unsupported media type");
    public static final ProblemType PAYLOAD_TOO_LARGE = new ProblemType("payload-too-large", 413, "Payload too large");
    public static final ProblemType URI_TOO_LONG = new ProblemType("uri-too-long", 414, "URI too long");
    public static final ProblemType HEADERS_TOO_LARGE =
            new ProblemType("headers-too-large", 431, "Request header fields too large");
    public static final ProblemType NOT_FOUND = new ProblemType("not-found", 404, "Not found");
    public static final ProblemType METHOD_NOT_ALLOWED =
            new ProblemType("method-not-allowed", 405, "Method not allowed");
    public static final ProblemType INTERNAL_ERROR = new ProblemType("internal-error", 500, "Internal server error");

    private static final String TYPE_PREFIX = "urn:books:problem:";
    private static final Map<String, ProblemType> REFUSALS = Stream.of(INVALID_BOOK, INVALID_QUERY, BOOK_NOT_FOUND,
                    DUPLICATE_BOOK, VERSION_CONFLICT, INVALID_IDEMPOTENCY_KEY, STORE_UNAVAILABLE)
            .collect(Collectors.toUnmodifiableMap(ProblemType::code, Function.identity()));

    /** The type URI: {@code urn:books:problem:<code>}. */
    public String type() {
        return TYPE_PREFIX + code;
    }

    /** The type of a refusal of the domain, found by its code. */
    static ProblemType of(BookException refusal) {
        ProblemType type = REFUSALS.get(refusal.code());
        if (type == null) {
            throw new IllegalStateException("no problem type for the refusal " + refusal.code());
        }
        return type;
    }
}
