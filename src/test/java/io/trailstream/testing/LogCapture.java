package io.trailstream.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * The messages one logger writes while a test runs, as log4j formats them (the level and the message), so that a
 * test can hold a warning a user is meant to read against what it says. Close it to detach.
 */
public final class LogCapture extends AbstractAppender implements AutoCloseable {
    private final Logger logger;
    private final List<String> lines = new ArrayList<>();

    private LogCapture(Logger logger) {
        super("capture-" + logger.getName(), null, null, true, Property.EMPTY_ARRAY);
        this.logger = logger;
    }

    /** Captures what {@code type}'s logger writes at every level from now on. */
    public static LogCapture of(Class<?> type) {
        Logger logger = (Logger) LogManager.getLogger(type);
        LogCapture capture = new LogCapture(logger);
        capture.start();
        logger.addAppender(capture);
        logger.setAdditive(true);
        logger.setLevel(Level.ALL);
        return capture;
    }

    @Override
    public synchronized void append(LogEvent event) {
        lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
    }

    /** What was logged so far, one entry per event: {@code WARN config file ...}. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.removeAppender(this);
        stop();
    }
}
