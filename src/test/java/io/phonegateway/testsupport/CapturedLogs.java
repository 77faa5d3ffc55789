package io.phonegateway.testsupport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Everything the service logs while open, at every level down to DEBUG for phone-gateway's own categories:
 * each record's formatted message with its parameters, MDC and the full stack trace of its exception.
 */
public final class CapturedLogs extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Logger ours = Logger.getLogger("io.phonegateway");
    private final Level oursBefore = ours.getLevel();
    private final List<Logger> alsoDebug;
    private final List<Level> alsoDebugBefore;

    private CapturedLogs(String... alsoDebugCategories) {
        setLevel(Level.ALL);
        root.addHandler(this);
        ours.setLevel(Level.FINE);
        alsoDebug = Arrays.stream(alsoDebugCategories).map(Logger::getLogger).toList();
        alsoDebugBefore = alsoDebug.stream().map(Logger::getLevel).toList();
        alsoDebug.forEach(logger -> logger.setLevel(Level.FINE));
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** As {@link #start()}, and these categories (libraries' loggers, say) at DEBUG too while open. */
    public static CapturedLogs startWithDebug(String... categories) {
        return new CapturedLogs(categories);
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder(record.getLevel() + " [" + record.getLoggerName() + "] ");
        if (record instanceof ExtLogRecord ext) {
            line.append(ext.getFormattedMessage()).append(" mdc=").append(ext.getMdcCopy());
        } else {
            line.append(record.getMessage());
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String all() {
        return String.join("\n", lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        ours.setLevel(oursBefore);
        for (int i = 0; i < alsoDebug.size(); i++) {
            alsoDebug.get(i).setLevel(alsoDebugBefore.get(i));
        }
    }
}
