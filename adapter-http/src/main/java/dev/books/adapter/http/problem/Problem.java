package dev.books.adapter.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}), with the request id and, for invalid
 * bodies and queries, the failing fields (when there are more than {@code errors} lists, {@code totalErrors} says
 * how many); a failed readiness probe adds the state of each check.
 */
record Problem(
        String type,
        String title,
        int status,
        String detail,
        String requestId,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<FieldError> errors,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer totalErrors,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> checks) {

    /** One failing field of the body (as named in the JSON) or one failing query parameter. */
    record FieldError(String field, String message) {
    }
}
