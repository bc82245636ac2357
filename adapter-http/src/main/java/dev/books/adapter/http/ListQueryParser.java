package dev.books.adapter.http;

import dev.books.application.ListBooks;
import dev.books.application.ListBooksQuery;
import dev.books.domain.Author;
import dev.books.domain.Category;
import dev.books.domain.InvalidBookException;
import dev.books.domain.InvalidQueryException;
import dev.books.domain.SearchText;
import dev.books.domain.Title;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The query parameters of {@code GET /books} as a {@link ListBooksQuery}. Parameters the API does not know are
 * ignored; a known one given twice, or a limit that is not a number, is refused here, together with whatever
 * else is wrong, so that one answer lists every parameter at fault.
 */
final class ListQueryParser {

    private static final List<String> PARAMETERS = List.of("title", "author", "category", "q", "limit", "cursor");
    private static final String LIMIT_RANGE = "must be between 1 and " + ListBooks.MAX_LIMIT;

    private ListQueryParser() {
    }

    /**
     * The query from the raw query string, decoded as UTF-8 whatever the request says (the edge handler has
     * already refused malformed escapes).
     *
     * @throws InvalidQueryException listing every parameter at fault
     */
    static ListBooksQuery parse(String rawQuery) {
        return parse(knownParameters(rawQuery));
    }

    private static ListBooksQuery parse(Map<String, List<String>> parameters) {
        FieldErrors errors = new FieldErrors(PARAMETERS);
        String title = single(parameters, "title", errors);
        String author = single(parameters, "author", errors);
        String category = single(parameters, "category", errors);
        String text = single(parameters, "q", errors);
        String cursor = single(parameters, "cursor", errors);
        String rawLimit = single(parameters, "limit", errors);
        long limit = rawLimit == null ? ListBooks.DEFAULT_LIMIT : parseLimit(rawLimit);
        if (limit == Long.MIN_VALUE) {
            errors.add("limit", "must be a whole number between 1 and " + ListBooks.MAX_LIMIT);
        } else if (limit == Long.MAX_VALUE) {
            errors.add("limit", LIMIT_RANGE); // too long for an int, so it cannot reach the use case
        }
        if (!errors.isEmpty()) {
            // The use case will not run, so apply its rules here to list their failures as well.
            check("title", title, Title::new, errors);
            check("author", author, Author::new, errors);
            check("category", category, Category::new, errors);
            check("q", text, SearchText::new, errors);
            if (!errors.has("limit") && (limit < 1 || limit > ListBooks.MAX_LIMIT)) {
                errors.add("limit", LIMIT_RANGE);
            }
            throw new InvalidQueryException(errors.violations());
        }
        return new ListBooksQuery(title, author, category, text, rawLimit == null ? null : (int) limit, cursor);
    }

    /** The values of the parameters this API knows, in order; others are dropped undecoded. */
    private static Map<String, List<String>> knownParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> parameters = new HashMap<>();
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            int equals = rawQuery.indexOf('=', start);
            boolean hasValue = equals >= 0 && equals < end;
            String name = decode(rawQuery.substring(start, hasValue ? equals : end));
            if (PARAMETERS.contains(name)) {
                String value = hasValue ? decode(rawQuery.substring(equals + 1, end)) : "";
                parameters.computeIfAbsent(name, key -> new ArrayList<>(1)).add(value);
            }
            start = end + 1;
        }
        return parameters;
    }

    private static String decode(String raw) {
        return raw.indexOf('%') < 0 && raw.indexOf('+') < 0 ? raw : URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }

    private static String single(Map<String, List<String>> parameters, String name, FieldErrors errors) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            errors.add(name, "must be given at most once");
            return null;
        }
        return values.get(0);
    }

    /**
     * The limit as an integer (possibly out of range), {@link Long#MAX_VALUE} for an integer of more than nine
     * digits, or {@link Long#MIN_VALUE} when it is not an integer at all.
     */
    private static long parseLimit(String raw) {
        int start = raw.startsWith("-") || raw.startsWith("+") ? 1 : 0;
        if (raw.length() == start || !digitsOnly(raw, start)) {
            return Long.MIN_VALUE;
        }
        if (raw.length() - start > 9) {
            return Long.MAX_VALUE; // an integer all the same, just far out of range
        }
        long value = Long.parseLong(raw, start, raw.length(), 10);
        return raw.charAt(0) == '-' ? -value : value;
    }

    private static boolean digitsOnly(String raw, int start) {
        for (int i = start; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static void check(String name, String value, Function<String, ?> rule, FieldErrors errors) {
        if (value == null || errors.has(name)) {
            return;
        }
        try {
            rule.apply(value);
        } catch (InvalidBookException e) {
            errors.add(name, e.violations().get(0).message());
        } catch (InvalidQueryException e) {
            errors.add(name, e.violations().get(0).message());
        }
    }
}
