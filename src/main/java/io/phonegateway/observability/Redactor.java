package io.phonegateway.observability;

import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in log text with {@value #MARK}: the values of the {@code access_token}, {@code cloudbase_access_token},
 * {@code secret} and {@code js_code} parameters (in a query string or as a JSON field), and every literal secret the
 * gateway is configured with. Text without any of them is returned as it is, after a few {@code contains} checks: this
 * runs on every log record.
 */
final class Redactor {

    static final String MARK = "***";

    /** Parameter names as WeChat spells them; {@code cloudbase_access_token} ends in {@code access_token}. */
    private static final String[] PARAMETERS = { "access_token", "secret", "js_code" };
    private static final Pattern PARAMETER_VALUE = Pattern.compile(
            "(access_token|secret|js_code)(=|\"\\s*:\\s*\")[^&\\s\"',;)]+");
    /** Shorter configured values are not redacted as literals: replacing them everywhere would garble every line. */
    static final int MIN_SECRET_LENGTH = 6;
    private static final int MAX_DEPTH = 32;

    private final String[] secrets;

    Redactor(Collection<String> secrets) {
        this.secrets = secrets.stream()
                .filter(s -> s != null && s.length() >= MIN_SECRET_LENGTH)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()) // a secret containing another goes first
                .toArray(String[]::new);
    }

    boolean needsRedaction(String text) {
        if (text == null) {
            return false;
        }
        for (String parameter : PARAMETERS) {
            if (text.contains(parameter)) {
                return true;
            }
        }
        for (String secret : secrets) {
            if (text.contains(secret)) {
                return true;
            }
        }
        return false;
    }

    /** The text with every secret replaced, or the same instance when it holds none. */
    String redact(String text) {
        if (!needsRedaction(text)) {
            return text;
        }
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, MARK);
        }
        Matcher values = PARAMETER_VALUE.matcher(redacted);
        return values.find() ? values.replaceAll("$1$2" + Matcher.quoteReplacement(MARK)) : redacted;
    }

    /**
     * The throwable itself when no message in its chain (causes and suppressed) needs redaction, else a copy of the
     * whole chain as {@link RedactedThrowable}s with redacted messages and the original stack traces.
     */
    Throwable redact(Throwable thrown) {
        if (thrown == null || !chainNeedsRedaction(thrown, new IdentityHashMap<>(), 0)) {
            return thrown;
        }
        return copy(thrown, new IdentityHashMap<>(), 0);
    }

    private boolean chainNeedsRedaction(Throwable t, Map<Throwable, Boolean> seen, int depth) {
        if (t == null || depth > MAX_DEPTH || seen.put(t, Boolean.TRUE) != null) {
            return false;
        }
        if (needsRedaction(t.getMessage()) || needsRedaction(t.getLocalizedMessage())) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (chainNeedsRedaction(suppressed, seen, depth + 1)) {
                return true;
            }
        }
        return chainNeedsRedaction(t.getCause(), seen, depth + 1);
    }

    private Throwable copy(Throwable t, Map<Throwable, Throwable> copies, int depth) {
        if (t == null || depth > MAX_DEPTH) {
            return null;
        }
        Throwable done = copies.get(t);
        if (done != null) {
            return done;
        }
        Throwable cause = t.getCause() == t ? null : copy(t.getCause(), copies, depth + 1);
        RedactedThrowable copy = new RedactedThrowable(t.getClass().getName(), redact(t.getLocalizedMessage()), cause);
        copies.put(t, copy);
        copy.setStackTrace(t.getStackTrace());
        for (Throwable suppressed : t.getSuppressed()) {
            Throwable s = copy(suppressed, copies, depth + 1);
            if (s != null && s != copy) {
                copy.addSuppressed(s);
            }
        }
        return copy;
    }
}
