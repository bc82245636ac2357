package dev.books.bootstrap;

/** A setting is missing or malformed; the message names it and says what is expected, in one line. */
@SuppressWarnings("serial") // never serialised
final class ConfigException extends RuntimeException {

    ConfigException(String message) {
        super(message);
    }
}
