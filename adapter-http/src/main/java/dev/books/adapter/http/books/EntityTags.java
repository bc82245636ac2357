package dev.books.adapter.http.books;

import dev.books.adapter.http.problem.ProblemType;
import dev.books.adapter.http.problem.RejectedRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * A book's entity tag is its version in quotes ({@code "3"}), a strong validator. Parses the If-Match and
 * If-None-Match lists (RFC 9110 section 13.1) and compares as the method calls for.
 */
final class EntityTags {

    private EntityTags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Whether If-None-Match names the version, by weak comparison ({@code W/"3"} matches {@code "3"}) or with
     * {@code *}.
     *
     * @throws RejectedRequest when the header is not a list of entity tags
     */
    static boolean noneMatchNames(String header, long version) {
        Condition condition = parse(header, "If-None-Match");
        if (condition.any()) {
            return true;
        }
        String opaque = Long.toString(version);
        for (Tag tag : condition.tags()) {
            if (tag.opaque().equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    /**
     * If-Match as the versions it accepts, by strong comparison: a weak tag never matches, nor does a tag that is
     * not a version number we could have issued.
     *
     * @throws RejectedRequest when the header is not a list of entity tags
     */
    static IfMatch ifMatch(String header) {
        Condition condition = parse(header, "If-Match");
        if (condition.any()) {
            return new IfMatch(true, new long[0]);
        }
        long[] versions = condition.tags().stream()
                .filter(tag -> !tag.weak())
                .mapToLong(tag -> versionOf(tag.opaque()))
                .filter(version -> version > 0)
                .distinct()
                .toArray();
        return new IfMatch(false, versions);
    }

    /** An If-Match header: {@code *}, or the versions its strong tags name (possibly none). */
    record IfMatch(boolean any, long[] versions) {

        boolean names(long version) {
            for (long candidate : versions) {
                if (candidate == version) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Tag(boolean weak, String opaque) {
    }

    private record Condition(boolean any, List<Tag> tags) {
    }

    private static Condition parse(String header, String name) {
        String value = header.strip();
        if (value.equals("*")) {
            return new Condition(true, List.of());
        }
        List<Tag> tags = new ArrayList<>(2);
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') { // list separators and optional whitespace
                i++;
                continue;
            }
            boolean weak = value.startsWith("W/", i);
            int open = weak ? i + 2 : i;
            if (open >= n || value.charAt(open) != '"') {
                throw malformed(name);
            }
            int close = open + 1;
            while (close < n && value.charAt(close) != '"') {
                char e = value.charAt(close);
                if (e < 0x21 || e == 0x7F) {
                    throw malformed(name);
                }
                close++;
            }
            if (close >= n) {
                throw malformed(name);
            }
            tags.add(new Tag(weak, value.substring(open + 1, close)));
            i = close + 1;
            if (i < n && value.charAt(i) != ',' && value.charAt(i) != ' ' && value.charAt(i) != '\t') {
                throw malformed(name);
            }
        }
        if (tags.isEmpty()) {
            throw malformed(name);
        }
        return new Condition(false, tags);
    }

    /** The version a tag's opaque part names when written as we write it (no sign, no leading zero), else 0. */
    private static long versionOf(String opaque) {
        if (opaque.isEmpty() || opaque.length() > 18 || opaque.charAt(0) == '0') {
            return 0;
        }
        long version = 0;
        for (int i = 0; i < opaque.length(); i++) {
            char c = opaque.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            version = version * 10 + (c - '0');
        }
        return version;
    }

    private static RejectedRequest malformed(String header) {
        return new RejectedRequest(ProblemType.BAD_REQUEST,
                header + " must be * or a list of entity tags such as \"3\" or W/\"3\".");
    }
}
