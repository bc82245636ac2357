package dev.books.adapter.cli;

/**
 * The input is not well-formed JSON (or not one record per line of NDJSON) from {@link #line()}, {@link #column()}
 * on: nothing after that point can be read reliably, so the import stops there.
 */
@SuppressWarnings("serial") // never serialised
public final class UnreadableInputException extends RuntimeException {

    private final long line;
    private final long column;

    UnreadableInputException(long line, long column, String problem, Throwable cause) {
        super("line " + line + ", column " + column + ": " + problem, cause);
        this.line = line;
        this.column = column;
    }

    public long line() {
        return line;
    }

    public long column() {
        return column;
    }
}
