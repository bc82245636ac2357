package dev.books.bootstrap;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger that keeps what it is told, every level on, for tests that check what gets logged and how often. */
@SuppressWarnings("serial") // never serialised
final class RecordingLogger extends LegacyAbstractLogger {

    /** One logged event: its level, its formatted message and its throwable, if any. */
    record Event(Level level, String message, Throwable throwable) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();

    RecordingLogger() {
        this.name = "recording";
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    List<Event> at(Level level) {
        return events.stream().filter(event -> event.level() == level).toList();
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
                                               Throwable throwable) {
        events.add(new Event(level, MessageFormatter.basicArrayFormat(messagePattern, arguments), throwable));
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    public boolean isTraceEnabled() {
        return true;
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }
}
