package dev.books.application;

import java.util.OptionalLong;

/**
 * Where a record of an import was in its input, for the person who has to find it: a line of NDJSON (counted from
 * 1), or an element of a JSON array (its index, counted from 0 as {@code jq '.[3]'} does, and the line it starts on).
 */
public record RecordPosition(long line, OptionalLong index) {

    public RecordPosition {
        if (line < 1) {
            throw new IllegalArgumentException("line must be at least 1, was " + line);
        }
        if (index.isPresent() && index.getAsLong() < 0) {
            throw new IllegalArgumentException("index must not be negative, was " + index.getAsLong());
        }
    }

    /** A record on a line of its own (NDJSON). */
    public static RecordPosition line(long line) {
        return new RecordPosition(line, OptionalLong.empty());
    }

    /** An element of a JSON array. */
    public static RecordPosition element(long index, long line) {
        return new RecordPosition(line, OptionalLong.of(index));
    }

    /** "line 7", or "index 3 (line 7)". */
    @Override
    public String toString() {
        return index.isPresent() ? "index " + index.getAsLong() + " (line " + line + ")" : "line " + line;
    }
}
