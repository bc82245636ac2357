package dev.books.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The command a Books process runs, read from its arguments; see {@link Usage} for what each means. */
final class CommandLine {

    /** What the arguments ask for. */
    sealed interface Invocation {
    }

    /** Run the HTTP service (also with no arguments). */
    record Serve() implements Invocation {
    }

    /** Bring the schema up to date and exit. */
    record Migrate() implements Invocation {
    }

    /** Load books from a file ({@code -}: standard input). */
    record Import(String file, boolean strict) implements Invocation {
    }

    /** Write every book as NDJSON to a file, or to standard output when empty. */
    record Export(Optional<String> file) implements Invocation {
    }

    /** Print the usage text. */
    record Help() implements Invocation {
    }

    /** The arguments make no sense; the message says why in one line. */
    @SuppressWarnings("serial") // never serialised
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private CommandLine() {
    }

    /** @throws UsageException naming what is wrong with the arguments */
    static Invocation parse(String... args) {
        List<String> words = List.of(args);
        if (words.contains("--help") || words.contains("-h")) {
            return new Help();
        }
        if (words.isEmpty()) {
            return new Serve();
        }
        String command = words.get(0);
        List<String> options = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        for (String word : words.subList(1, words.size())) {
            // "-" alone is an operand: standard input or output.
            (word.startsWith("-") && word.length() > 1 ? options : operands).add(word);
        }
        return switch (command) {
            case "serve" -> noMore(command, options, operands, new Serve());
            case "migrate" -> noMore(command, options, operands, new Migrate());
            case "help" -> noMore(command, options, operands, new Help());
            case "import" -> importOf(options, operands);
            case "export" -> exportOf(options, operands);
            default -> throw new UsageException("unknown command '" + command + "'");
        };
    }

    private static Invocation importOf(List<String> options, List<String> operands) {
        boolean strict = false;
        for (String option : options) {
            if (!option.equals("--strict")) {
                throw new UsageException("import has no option " + option + " (only --strict)");
            }
            strict = true;
        }
        if (operands.size() != 1) {
            throw new UsageException(operands.isEmpty() ? "import needs a FILE (or - for standard input)"
                    : "import takes one FILE, not " + operands.size());
        }
        return new Import(operands.get(0), strict);
    }

    private static Invocation exportOf(List<String> options, List<String> operands) {
        if (!options.isEmpty()) {
            throw new UsageException("export has no option " + options.get(0));
        }
        if (operands.size() > 1) {
            throw new UsageException("export takes at most one FILE, not " + operands.size());
        }
        return new Export(operands.stream().findFirst());
    }

    private static Invocation noMore(String command, List<String> options, List<String> operands, Invocation result) {
        if (!options.isEmpty() || !operands.isEmpty()) {
            String first = options.isEmpty() ? operands.get(0) : options.get(0);
            throw new UsageException(command + " takes no arguments (got '" + first + "')");
        }
        return result;
    }
}
