package io.phonegateway.wechat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import javax.net.ssl.SSLHandshakeException;

/**
 * Turns a failure of the REST client into a {@link WechatTransportException}, deciding whether WeChat may
 * have received the request (and so spent the phone code). The Quarkus REST client wraps Vert.x/Netty
 * failures in {@code jakarta.ws.rs.ProcessingException}, and turns Vert.x's {@code HttpClosedException}
 * into a plain {@code IOException("Connection was closed")}, so the whole cause chain is inspected:
 * <ul>
 * <li>connection not made: {@link ConnectException} (incl. Netty's {@code AnnotatedConnectException}),
 * {@link UnknownHostException}, no route, TLS handshake failure: not arrived, no timeout;</li>
 * <li>connect timeout: Netty's {@code ConnectTimeoutException}, or Vert.x's pool timeout
 * ({@value #POOL_TIMEOUT}): not arrived, timeout;</li>
 * <li>any other {@link TimeoutException} (Vert.x's request timeout, the REST client's read-timeout), a read
 * {@link SocketTimeoutException} or a Netty {@code ReadTimeoutException}: may have arrived, timeout;</li>
 * <li>anything else (connection closed or reset, undecodable answer, unknown failures): may have arrived,
 * no timeout. Unknown is treated as "may have arrived": a code is better reported as possibly spent.</li>
 * </ul>
 * The original exception is never kept as the cause: Vert.x's timeout message quotes the request URI with
 * its query string, i.e. the access token or AppSecret. The cause is a {@link RedactedCause} instead.
 */
final class TransportFailures {

    /** Vert.x: "The timeout of N ms has been exceeded when getting a connection to host:port". */
    static final String POOL_TIMEOUT = "when getting a connection";

    private static final int MAX_DEPTH = 16;
    private static final Pattern QUERY = Pattern.compile("\\?\\S*");
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)(access_token|cloudbase_access_token|secret|code)=[^&\\s]*");

    private TransportFailures() {
    }

    static WechatTransportException classify(WechatApiName api, Throwable failure) {
        boolean connectTimeout = false;
        boolean notConnected = false;
        boolean readTimeout = false;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
            if (isConnectTimeout(t)) {
                connectTimeout = true;
            } else if (isNotConnected(t)) {
                notConnected = true;
            } else if (t instanceof TimeoutException || t instanceof SocketTimeoutException
                    || isNamed(t, "io.netty.handler.timeout.ReadTimeoutException")) {
                readTimeout = true;
            }
        }
        if (connectTimeout) {
            return new WechatTransportException(api, false, true, RedactedCause.of(failure));
        }
        if (notConnected) {
            return new WechatTransportException(api, false, false, RedactedCause.of(failure));
        }
        return new WechatTransportException(api, true, readTimeout, RedactedCause.of(failure));
    }

    private static boolean isConnectTimeout(Throwable t) {
        return isNamed(t, "io.netty.channel.ConnectTimeoutException")
                || t instanceof SocketTimeoutException && String.valueOf(t.getMessage()).contains("connect")
                || t instanceof TimeoutException && String.valueOf(t.getMessage()).contains(POOL_TIMEOUT);
    }

    private static boolean isNotConnected(Throwable t) {
        return t instanceof ConnectException
                || t instanceof UnknownHostException
                || t instanceof NoRouteToHostException
                || t instanceof UnresolvedAddressException
                || t instanceof SSLHandshakeException;
    }

    /** Matches a class by name (or a superclass's), so Netty classes need not be on the compile path. */
    private static boolean isNamed(Throwable t, String className) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    /** Removes query strings and {@code token=}/{@code secret=}/{@code code=} values from a message. */
    static String redact(String message) {
        if (message == null) {
            return null;
        }
        return SECRET_PARAM.matcher(QUERY.matcher(message).replaceAll("?***")).replaceAll("$1=***");
    }

    /**
     * Stands in for the original failure: each link's class and redacted message, and the innermost
     * link's stack trace. Not an {@link IOException} so nobody mistakes it for the original.
     */
    static final class RedactedCause extends RuntimeException {

        private RedactedCause(String message) {
            super(message);
        }

        static RedactedCause of(Throwable failure) {
            StringBuilder chain = new StringBuilder();
            Throwable innermost = failure;
            int depth = 0;
            for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
                if (depth > 0) {
                    chain.append(" <- ");
                }
                chain.append(t.getClass().getName());
                String message = redact(t.getMessage());
                if (message != null) {
                    chain.append(": ").append(message.length() > 200 ? message.substring(0, 200) + "..." : message);
                }
                innermost = t;
            }
            RedactedCause cause = new RedactedCause(chain.toString());
            cause.setStackTrace(innermost.getStackTrace());
            return cause;
        }
    }
}
