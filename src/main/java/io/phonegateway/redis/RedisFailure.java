package io.phonegateway.redis;

import java.util.Locale;
import java.util.Set;

import javax.net.ssl.SSLException;

import io.smallrye.mutiny.TimeoutException;
import io.vertx.redis.client.Response;

/**
 * What went wrong with a Redis command, named so an operator can tell a failover from a misconfiguration: a lost
 * connection and a missing answer are outages; an error reply (CROSSSLOT, MOVED, NOSCRIPT, READONLY, ...) came
 * from a Redis that is up; refused credentials and an untrusted certificate are configuration, and say which
 * property to check. Never carries a secret or a key name: an error reply is kept as its code word only.
 *
 * @param kind the failure's kind
 * @param reply the error reply's code word (e.g. {@code READONLY}) for {@link Kind#ERROR_REPLY}, else null
 */
public record RedisFailure(Kind kind, String reply) {

    public enum Kind {
        /** Refused, reset or closed: the server is gone or unreachable. */
        CONNECTION_LOST("connection lost"),
        /** No answer within the command's deadline. */
        TIMEOUT("no answer in time"),
        /** Redis answered with an error. */
        ERROR_REPLY("error reply"),
        /** WRONGPASS, NOAUTH: the user or password is wrong. */
        CREDENTIALS_REFUSED("credentials refused"),
        /** NOPERM: the ACL user may not run a command or touch a key the gateway needs. */
        PERMISSION_DENIED("permission denied"),
        /** The TLS handshake failed: an untrusted or mismatched certificate, or TLS spoken to a plain port. */
        TLS_FAILED("TLS handshake failed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Lower-case name for metrics tags and readiness data. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Not from Redis: the client fails commands in flight with this "reply" when their connection closes. */
    private static final String CLIENT_CONNECTION_CLOSED = "CONNECTION_CLOSED";
    private static final Set<String> CREDENTIAL_REPLIES = Set.of("WRONGPASS", "NOAUTH", "AUTH");

    public static RedisFailure of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Response) {
                String code = replyCode(t.getMessage());
                if (code.equals(CLIENT_CONNECTION_CLOSED)) {
                    return new RedisFailure(Kind.CONNECTION_LOST, null);
                }
                if (CREDENTIAL_REPLIES.contains(code)) {
                    return new RedisFailure(Kind.CREDENTIALS_REFUSED, code);
                }
                if (code.equals("NOPERM")) {
                    return new RedisFailure(Kind.PERMISSION_DENIED, code);
                }
                return new RedisFailure(Kind.ERROR_REPLY, code);
            }
            if (t instanceof SSLException || t instanceof java.security.cert.CertificateException) {
                return new RedisFailure(Kind.TLS_FAILED, null);
            }
            if (t instanceof TimeoutException || t instanceof java.util.concurrent.TimeoutException) {
                return new RedisFailure(Kind.TIMEOUT, null);
            }
        }
        return new RedisFailure(Kind.CONNECTION_LOST, null);
    }

    /** True for the refusals a restart cannot cure: the configuration must change. */
    public boolean misconfiguration() {
        return kind == Kind.CREDENTIALS_REFUSED || kind == Kind.PERMISSION_DENIED || kind == Kind.TLS_FAILED;
    }

    /** True when the reply says the script is not in this server's cache (a promoted replica, another node). */
    public boolean noScript() {
        return kind == Kind.ERROR_REPLY && "NOSCRIPT".equals(reply);
    }

    /**
     * One line for logs and readiness: the kind, the reply's code word, and for a misconfiguration the property to
     * check. Names properties, never their values.
     */
    public String describe() {
        String what = reply == null ? kind.label : kind.label + " " + reply;
        return switch (kind) {
            case CREDENTIALS_REFUSED -> what + ": check quarkus.redis.password, or the user:password in quarkus.redis.hosts";
            case PERMISSION_DENIED ->
                what + ": the ACL user of quarkus.redis.hosts lacks a command or key pattern docs/redis.md lists";
            case TLS_FAILED -> what + ": check the trust store of the TLS configuration named by"
                    + " quarkus.redis.tls-configuration-name (quarkus.tls.<name>.trust-store.*) and that the"
                    + " certificate names the host of quarkus.redis.hosts";
            default -> what;
        };
    }

    /** The first word of an error reply, upper case: {@code MOVED 3999 127.0.0.1:6381} gives {@code MOVED}. */
    private static String replyCode(String message) {
        if (message == null || message.isBlank()) {
            return "ERR";
        }
        String trimmed = message.trim();
        int space = trimmed.indexOf(' ');
        String word = space < 0 ? trimmed : trimmed.substring(0, space);
        return word.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c == '_') && !word.isEmpty() ? word : "ERR";
    }
}
