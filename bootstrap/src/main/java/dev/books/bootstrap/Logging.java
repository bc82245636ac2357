package dev.books.bootstrap;

/** slf4j-simple reads its settings once, when the first logger is made: set them before that. */
final class Logging {

    private Logging() {
    }

    static void configure(String level) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
    }
}
