package dev.books.bootstrap;

import dev.books.access.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** Make an API key; its secret is printed once. */
    record CreateKey(String name, Set<Scope> scopes, Optional<Duration> lifetime) implements Invocation {
    }

    /** List the API keys (never their secrets). */
    record ListKeys() implements Invocation {
    }

    /** Revoke the API key of this name. */
    record RevokeKey(String name) implements Invocation {
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

    private static final Pattern LIFETIME = Pattern.compile("(\\d{1,6})([dhm])");

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
        if (command.equals("keys")) {
            return keysOf(words.subList(1, words.size()));
        }
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

    private static Invocation keysOf(List<String> words) {
        if (words.isEmpty()) {
            throw new UsageException("keys needs a subcommand: create, list or revoke");
        }
        List<String> rest = words.subList(1, words.size());
        return switch (words.get(0)) {
            case "create" -> createKeyOf(rest);
            case "list" -> {
                if (!rest.isEmpty()) {
                    throw new UsageException("keys list takes no arguments (got '" + rest.get(0) + "')");
                }
                yield new ListKeys();
            }
            case "revoke" -> {
                if (rest.size() != 1 || rest.get(0).startsWith("-")) {
                    throw new UsageException("keys revoke takes one NAME");
                }
                yield new RevokeKey(rest.get(0));
            }
            default -> throw new UsageException("unknown keys subcommand '" + words.get(0)
                    + "' (create, list or revoke)");
        };
    }

    /** {@code --name NAME --scopes SCOPE[,SCOPE…] [--expires 90d]}, each also as {@code --option=value}. */
    private static Invocation createKeyOf(List<String> words) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            if (!List.of("--name", "--scopes", "--expires").contains(option)) {
                throw new UsageException("keys create has no option '" + option + "' (--name, --scopes, --expires)");
            }
            String value;
            if (word.contains("=")) {
                value = word.substring(word.indexOf('=') + 1);
            } else if (i + 1 < words.size()) {
                value = words.get(++i);
            } else {
                throw new UsageException(option + " needs a value");
            }
            if (options.put(option, value) != null) {
                throw new UsageException(option + " is given twice");
            }
        }
        String name = options.get("--name");
        String scopes = options.get("--scopes");
        if (name == null || scopes == null) {
            throw new UsageException("keys create needs --name NAME and --scopes SCOPES (e.g. books:write)");
        }
        return new CreateKey(name, scopesOf(scopes),
                Optional.ofNullable(options.get("--expires")).map(CommandLine::lifetimeOf));
    }

    private static Set<Scope> scopesOf(String list) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : list.split(",")) {
            scopes.add(Scope.named(name.strip()).orElseThrow(() -> new UsageException("unknown scope '"
                    + name.strip() + "' (books:read, books:write, books:delete, books:admin)")));
        }
        return scopes;
    }

    private static Duration lifetimeOf(String text) {
        Matcher matcher = LIFETIME.matcher(text);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new UsageException("--expires takes a lifetime such as 90d, 12h or 30m (got '" + text + "')");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    private static Invocation noMore(String command, List<String> options, List<String> operands, Invocation result) {
        if (!options.isEmpty() || !operands.isEmpty()) {
            String first = options.isEmpty() ? operands.get(0) : options.get(0);
            throw new UsageException(command + " takes no arguments (got '" + first + "')");
        }
        return result;
    }
}
