package dev.books.adapter.http;

import dev.books.domain.FieldViolation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The failing fields of one request as they are found, step by step (binding, Bean Validation, the domain's own
 * checks): one message per field, the first step's; listed in the API's field order, then unknown fields in the
 * order the client sent them.
 */
final class FieldErrors {

    private final List<String> order;
    /** Created on the first failure: most requests have none. */
    private Map<String, String> messages;

    FieldErrors(List<String> order) {
        this.order = order;
    }

    /** Records a failure of {@code field} unless an earlier step already flagged it. */
    void add(String field, String message) {
        if (messages == null) {
            messages = new LinkedHashMap<>();
        }
        messages.putIfAbsent(field, message);
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
