package dev.books.bootstrap;

import dev.books.adapter.cli.ExitStatus;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Books: reads the command from the arguments ({@link Usage}) and the configuration from the environment,
 * once, configures logging, then serves until SIGTERM or runs a one-shot command and exits with its status.
 */
public final class Main {

    /** Exit status for a configuration mistake (as opposed to 1, a failure while starting). */
    static final int BAD_CONFIGURATION = ExitStatus.USAGE.code();
    /** What {@link #run} returns once the service is up: the process keeps running. */
    static final int SERVING = -1;

    /** Where the logs go (see BatchedStderr); flushed once more by the serving hook after its own last lines. */
    private static BatchedStderr stderr;

    private Main() {
    }

    public static void main(String[] args) {
        stderr = BatchedStderr.install();
        int status = run(args, System.getenv(), System.in, System.out, System.err);
        if (status != SERVING) {
            System.exit(status);
        }
    }

    /**
     * Runs what the arguments ask for; returns the exit status, or {@link #SERVING} when the service is up.
     * Output meant for people goes to {@code out} and {@code err}; logs go where the logging is configured to.
     */
    static int run(String[] args, Map<String, String> environment, InputStream stdin, PrintStream out,
            PrintStream err) {
        CommandLine.Invocation invocation;
        try {
            invocation = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            err.println("books: " + e.getMessage() + ". See 'java -jar books.jar --help'.");
            return ExitStatus.USAGE.code();
        }
        if (invocation instanceof CommandLine.Help) {
            out.print(Usage.TEXT);
            return ExitStatus.OK.code();
        }
        Settings config;
        try {
            config = Settings.read(environment);
        } catch (ConfigException e) {
            if (invocation instanceof CommandLine.Serve) {
                Logging.configure("info");
                LoggerFactory.getLogger(Main.class).error("Invalid configuration: {}", e.getMessage());
            } else {
                err.println("Invalid configuration: " + e.getMessage());
            }
            return BAD_CONFIGURATION;
        }
        Logging.configure(config.logLevel(), config.logLevels(), config.logFormat());
        Logger log = LoggerFactory.getLogger(Main.class);
        config.unknownSettings().forEach(name -> log.warn("Ignoring unknown setting {} (a typo?)", name));
        if (invocation instanceof CommandLine.Serve) {
            return serve(config, log);
        }
        return Commands.run(invocation, config, stdin, out, err).code();
    }

    private static int serve(Settings config, Logger log) {
        log.info("Starting Books: {}", config.describe());
        try {
            BooksServer server = BooksServer.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                if (stderr != null) { // null when run() is called without main(), as tests do
                    stderr.flushNow();
                }
            }, "books-shutdown"));
            return SERVING;
        } catch (ConfigException e) {
            log.error("Invalid configuration: {}", e.getMessage());
            return BAD_CONFIGURATION;
        } catch (RuntimeException e) {
            log.error("Books did not start", e);
            return ExitStatus.FAILURE.code();
        }
    }
}
