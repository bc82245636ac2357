package dev.books.adapter.http.books;

import dev.books.application.BindingProblems;
import dev.books.application.ListBooks;
import dev.books.application.ListBooksQuery;
import dev.books.domain.FieldViolation;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The query parameters of {@code GET /books} as a {@link ListBooksQuery}. Parameters the API does not know are
 * ignored. What only the transport can tell is found here (a known parameter given twice, a limit that is not a
 * whole number) and travels with the query; the use case applies the rules to the rest and lists every parameter at
 * fault in one answer.
 */
final class ListQueryParser {

    private static final List<String> PARAMETERS = ListBooksQuery.PARAMETERS;

    private ListQueryParser() {
    }

    /**
     * The query from the raw query string, decoded as UTF-8 whatever the request says (the edge handler has
     * already refused malformed escapes).
     */
    static ListBooksQuery parse(String rawQuery) {
        Map<String, List<String>> parameters = knownParameters(rawQuery);
        List<FieldViolation> problems = new ArrayList<>(1);
        String title = single(parameters, "title", problems);
        String author = single(parameters, "author", problems);
        String category = single(parameters, "category", problems);
        String text = single(parameters, "q", problems);
        String cursor = single(parameters, "cursor", problems);
        String rawLimit = single(parameters, "limit", problems);
        Integer limit = null;
        if (rawLimit != null) {
            long parsed = parseLimit(rawLimit);
            if (parsed == Long.MIN_VALUE) {
                problems.add(new FieldViolation("limit", "must be a whole number between 1 and " + ListBooks.MAX_LIMIT));
            } else {
                // An integer too long for an int is as far out of range as the largest int: the use case says so.
                limit = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, parsed));
            }
        }
        return new ListBooksQuery(title, author, category, text, limit, cursor, new BindingProblems(problems, 0));
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

    private static String single(Map<String, List<String>> parameters, String name, List<FieldViolation> problems) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            problems.add(new FieldViolation(name, "must be given at most once"));
            return null;
        }
        return values.get(0);
    }

    /**
     * The limit as an integer (possibly out of range), {@link Long#MAX_VALUE} (or its negative) for an integer of
     * more than nine digits, or {@link Long#MIN_VALUE} when it is not an integer at all.
     */
    private static long parseLimit(String raw) {
        int start = raw.startsWith("-") || raw.startsWith("+") ? 1 : 0;
        if (raw.length() == start || !digitsOnly(raw, start)) {
            return Long.MIN_VALUE;
        }
        if (raw.length() - start > 9) {
            return raw.charAt(0) == '-' ? -Long.MAX_VALUE : Long.MAX_VALUE; // an integer, just far out of range
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
}
