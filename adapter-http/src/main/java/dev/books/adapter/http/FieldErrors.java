package dev.books.adapter.http;

import dev.books.domain.FieldViolation;
import dev.books.domain.InvalidBookException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The failing fields of one request as they are found, step by step (binding, Bean Validation, the domain's own
 * checks): one message per field, the first step's; listed in the API's field order, then the other fields the
 * client sent, in its order. However many made-up fields a body holds, at most {@link #MAX_LISTED} of them are
 * kept; the rest are only counted, so an error answer stays a few hundred bytes.
 */
final class FieldErrors {

    /** The made-up (unknown or read-only) fields listed by name; beyond these, they are counted. */
    static final int MAX_LISTED = InvalidBookException.MAX_LISTED;

    private final List<String> order;
    /** Created on the first failure: most requests have none. */
    private Map<String, String> messages;
    private int others;
    private int unlisted;

    FieldErrors(List<String> order) {
        this.order = order;
    }

    /** Records a failure of one of the API's fields, unless an earlier step already flagged it. */
    void add(String field, String message) {
        if (messages == null) {
            messages = new LinkedHashMap<>();
        }
        messages.putIfAbsent(field, message);
    }

    /**
     * Records a field the API does not take.
     *
     * @throws RejectedRequest when a listed field is named again (a body naming a field twice is ambiguous)
     */
    void addOther(String field, String message) {
        if (others >= MAX_LISTED) {
            unlisted++;
            return;
        }
        if (messages != null && messages.containsKey(field)) {
            throw new RejectedRequest(ErrorTranslation.Kind.MALFORMED_JSON,
                    "The request body names the field " + field + " twice.");
        }
        others++;
        add(field, message);
    }

    void addAll(List<FieldViolation> violations) {
        for (FieldViolation violation : violations) {
            add(violation.field(), violation.message());
        }
    }

    boolean has(String field) {
        return messages != null && messages.containsKey(field);
    }

    boolean isEmpty() {
        return messages == null;
    }

    /** The refusal listing every failure found (and counting those past the list). */
    InvalidBookException toException() {
        return new InvalidBookException(violations(), unlisted);
    }

    List<FieldViolation> violations() {
        if (messages == null) {
            return List.of();
        }
        List<FieldViolation> sorted = new ArrayList<>(messages.size());
        for (String field : order) {
            String message = messages.get(field);
            if (message != null) {
                sorted.add(new FieldViolation(field, message));
            }
        }
        messages.forEach((field, message) -> {
            if (!order.contains(field)) {
                sorted.add(new FieldViolation(field, message));
            }
        });
        return sorted;
    }
}
