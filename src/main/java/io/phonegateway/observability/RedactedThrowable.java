package io.phonegateway.observability;

/**
 * Stands in, in a log record, for an exception whose message carried a secret: same stack trace, cause chain and
 * suppressed exceptions, redacted messages, and the original class named wherever the exception is printed.
 */
final class RedactedThrowable extends RuntimeException {

    private final String originalClass;

    RedactedThrowable(String originalClass, String redactedMessage, Throwable redactedCause) {
        super(redactedMessage, redactedCause, true, true);
        this.originalClass = originalClass;
    }

    String originalClass() {
        return originalClass;
    }

    /** As {@link Throwable#toString()} prints it for the original, so stack traces read as before. */
    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalClass : originalClass + ": " + message;
    }
}
