package dev.books.adapter.cli;

/** How a command ended, as the process exit status scripts see. */
public enum ExitStatus {

    /** Done; an import may still have rejected records (listed, and counted in its totals). */
    OK(0),
    /** Something failed: the database, a file that could not be read or written, a bug. An import stored nothing. */
    FAILURE(1),
    /** The command line or the configuration is wrong (including an input file that does not exist). */
    USAGE(2),
    /** The import refused its input: not well-formed JSON, or a rejected record with --strict. It stored nothing. */
    INPUT_REFUSED(3);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
