package dev.books.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Books: reads the configuration once, configures logging, wires and serves until SIGTERM. */
public final class Main {

    /** Exit status for a configuration mistake (as opposed to 1, a failure while starting). */
    static final int BAD_CONFIGURATION = 2;

    private Main() {
    }

    public static void main(String[] args) {
        BooksConfig config;
        try {
            config = Settings.read(System.getenv());
        } catch (ConfigException e) {
            Logging.configure("info");
            LoggerFactory.getLogger(Main.class).error("Invalid configuration: {}", e.getMessage());
            System.exit(BAD_CONFIGURATION);
            return;
        }
        Logging.configure(config.logLevel(), config.logLevels(), config.logFormat());
        Logger log = LoggerFactory.getLogger(Main.class);
        config.unknownSettings().forEach(name -> log.warn("Ignoring unknown setting {} (a typo?)", name));
        log.info("Starting Books: {}", config.describe());
        try {
            BooksServer server = BooksServer.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "books-shutdown"));
        } catch (ConfigException e) {
            log.error("Invalid configuration: {}", e.getMessage());
            System.exit(BAD_CONFIGURATION);
        } catch (RuntimeException e) {
            log.error("Books did not start", e);
            System.exit(1);
        }
    }
}
