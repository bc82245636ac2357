package dev.books.adapter.http.problem;

/**
 * The adapter refuses a request before any use case sees it (malformed JSON or id, wrong media type, body too
 * large...). A client mistake, not a failure: it carries no stack trace.
 */
@SuppressWarnings("serial") // never serialised
public final class RejectedRequest extends RuntimeException {

    private final ProblemType type;
    private final String detail;

    public RejectedRequest(ProblemType type, String detail) {
        super(detail, null, false, false);
        this.type = type;
        this.detail = detail;
    }

    public ProblemType type() {
        return type;
    }

    String detail() {
        return detail;
    }
}
