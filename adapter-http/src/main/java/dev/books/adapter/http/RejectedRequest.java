package dev.books.adapter.http;

/**
 * The adapter refuses a request before any use case sees it (malformed JSON or id, wrong media type, body too
 * large...). A client mistake, not a failure: it carries no stack trace.
 */
@SuppressWarnings("serial") // never serialised
final class RejectedRequest extends RuntimeException {

    private final ErrorTranslation.Kind kind;
    private final String detail;

    RejectedRequest(ErrorTranslation.Kind kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.detail = detail;
    }

    ErrorTranslation.Kind kind() {
        return kind;
    }

    String detail() {
        return detail;
    }
}
