package io.phonegateway.api;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.problem.ProblemCode;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards the way a {@code POST /phone} body comes in, on HTTP/1.1 and HTTP/2 alike, answering with problems where
 * Vert.x would answer bare:
 * <ul>
 * <li>a {@code Content-Length} over 4 KiB is refused (413) before any of the body is read;</li>
 * <li>a body without a length (chunked, or HTTP/2 DATA frames without {@code content-length}) is read by
 * {@link StreamedBodyFilter}, which refuses it as soon as it passes 4 KiB;</li>
 * <li>a body still incomplete {@code phone-gateway.request.body-timeout} after the headers (a client that sends half
 * a body and stalls) is answered 408.</li>
 * </ul>
 * A refusal while the caller still sends ends the exchange: on HTTP/1.1 the connection is closed after the answer
 * (with {@code Connection: close}); on HTTP/2, which forbids connection headers, only the stream is reset
 * ({@code NO_ERROR}) after the answer, and the connection goes on serving its other streams.
 */
@ApplicationScoped
class BodyLimitFilter {

    static final int MAX_BODY_BYTES = 4096;
    static final String TOO_LARGE = "The body must be at most 4 KiB";
    private static final int PRIORITY = 9_000; // after RequestIdFilter, so the problem carries the request id
    private static final long NO_ERROR = 0;

    private static final Duration LINGER = Duration.ofSeconds(1);

    private final Duration bodyTimeout;

    BodyLimitFilter(GatewayConfig config) {
        this.bodyTimeout = config.request().bodyTimeout();
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            if (LookupPath.matches(rc)) {
                String length = rc.request().getHeader("Content-Length");
                if (length != null && announcesTooMuch(length)) {
                    refuse(rc, ProblemCode.PAYLOAD_TOO_LARGE, TOO_LARGE);
                    return;
                }
                if (!rc.request().isEnded()) {
                    watchBody(rc);
                }
            }
            rc.next();
        }, PRIORITY);
    }

    private void watchBody(RoutingContext rc) {
        long timer = rc.vertx().setTimer(bodyTimeout.toMillis(), id -> {
            if (!rc.request().isEnded() && !rc.response().headWritten()) {
                refuse(rc, ProblemCode.REQUEST_TIMEOUT, "The body did not arrive within " + bodyTimeout.toSeconds() + " s");
            }
        });
        rc.addEndHandler(ended -> rc.vertx().cancelTimer(timer));
    }

    /** Answers {@code code} as a problem and ends the exchange; also used by {@link FrameworkRefusals}. */
    static void refuse(RoutingContext rc, ProblemCode code, String detail) {
        Problem problem = Problem.of(code, detail, RequestIdFilter.assign(rc));
        boolean http2 = rc.request().version() == HttpVersion.HTTP_2;
        rc.response().setStatusCode(code.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (!http2) {
            rc.response().putHeader("Connection", "close");
        }
        rc.response().end(Json.encode(problem)).onComplete(written -> stopReading(rc));
    }

    /** After a refusal answered while the caller still sends: HTTP/1.1 closes gently, HTTP/2 resets the stream. */
    static void stopReading(RoutingContext rc) {
        if (rc.request().version() == HttpVersion.HTTP_2) {
            stopStream(rc);
        } else {
            closeGently(rc);
        }
    }

    /** RFC 9113 §8.1: after a complete answer, a server asks the client to stop sending with RST_STREAM(NO_ERROR). */
    private static void stopStream(RoutingContext rc) {
        if (!rc.request().isEnded()) {
            rc.response().reset(NO_ERROR);
        }
    }

    /**
     * Drops what is left of the body, then closes: closing while the client still sends would reset the connection,
     * and the client would lose the problem just sent. A client that keeps sending is cut off after a second.
     */
    private static void closeGently(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.isEnded()) {
            request.connection().close();
            return;
        }
        long timer = rc.vertx().setTimer(LINGER.toMillis(), id -> request.connection().close());
        request.handler(ignored -> {
        });
        request.endHandler(ended -> {
            rc.vertx().cancelTimer(timer);
            request.connection().close();
        });
        request.resume();
    }

    private static boolean announcesTooMuch(String length) {
        try {
            return Long.parseLong(length.trim()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false; // Vert.x itself refuses a malformed length
        }
    }
}
