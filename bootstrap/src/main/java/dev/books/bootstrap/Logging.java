package dev.books.bootstrap;

import java.util.Map;

/**
 * slf4j-simple reads its settings once, when the first logger is made: set them before that, from the
 * configuration (BOOKS_LOG_LEVEL, BOOKS_LOG_LEVELS, BOOKS_LOG_FORMAT).
 */
final class Logging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    /** The default level only: before the configuration could be read. */
    static void configure(String level) {
        configure(level, Map.of(), "default");
    }

    /**
     * @param format "default" (ISO timestamp and thread on every line) or "short" (level, logger and message only,
     *               for platforms that stamp lines themselves, such as journald or Kubernetes)
     */
    static void configure(String level, Map<String, String> levels, String format) {
        System.setProperty(PREFIX + "defaultLogLevel", level);
        levels.forEach((logger, loggerLevel) -> System.setProperty(PREFIX + "log." + logger, loggerLevel));
        boolean full = !"short".equals(format);
        System.setProperty(PREFIX + "showDateTime", Boolean.toString(full));
        System.setProperty(PREFIX + "showThreadName", Boolean.toString(full));
    }
}
