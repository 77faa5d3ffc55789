package io.phonegateway.observability;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Redacts every log record before a handler writes it, whoever logged it (a library quoting a request URI with its
 * {@code access_token}, an exception message with a secret): the formatted message and the messages of the attached
 * exception's chain (see {@link Redactor}). Never drops a record. Set on every handler in application.properties
 * ({@code quarkus.log.console.filter=secret-redaction}, and the file, syslog and socket handlers likewise).
 */
@LoggingFilter(name = "secret-redaction")
public final class SecretRedactionFilter implements Filter {

    private final Redactor redactor;

    public SecretRedactionFilter() {
        this(new Redactor(KnownSecrets.fromConfig()));
    }

    SecretRedactionFilter(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = formatted(record);
        String redacted = redactor.redact(message);
        if (redacted != message) {
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(redacted);
            }
            record.setParameters(null);
            record.setResourceBundle(null);
        }
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            record.setThrown(redactor.redact(thrown));
        }
        return true;
    }

    private static String formatted(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            return ext.getFormattedMessage();
        }
        return record.getParameters() == null ? record.getMessage() : PlainFormat.INSTANCE.formatMessage(record);
    }

    /** java.util.logging's own message formatting, for records that did not come through JBoss Log Manager. */
    private static final class PlainFormat extends java.util.logging.Formatter {
        static final PlainFormat INSTANCE = new PlainFormat();

        @Override
        public String format(LogRecord record) {
            return formatMessage(record);
        }
    }
}
