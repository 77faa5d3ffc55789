package io.phonegateway.api;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.problem.ProblemCode;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards the way a {@code POST /phone} body comes in, answering with problems where Vert.x would answer bare:
 * <ul>
 * <li>a {@code Content-Length} over 4 KiB is refused (413) before any of the body is read; a chunked body (no
 * length) is read here and refused as soon as it passes 4 KiB, so Quarkus' bare 413 for bodies over
 * {@code quarkus.http.limits.max-body-size} never answers {@code /phone}; a body that lies about its length is
 * still cut at the announced length and refused by the parser;</li>
 * <li>a body still incomplete {@code phone-gateway.request.body-timeout} after the headers (a client that sends half
 * a body and stalls) is answered 408 and its connection closed.</li>
 * </ul>
 */
@ApplicationScoped
class BodyLimitFilter {

    static final int MAX_BODY_BYTES = 4096;
    private static final int PRIORITY = 9_000; // after RequestIdFilter, so the problem carries the request id

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
                    refuse(rc, ProblemCode.PAYLOAD_TOO_LARGE, "The body must be at most 4 KiB");
                    return;
                }
                if (!rc.request().isEnded()) {
                    watchBody(rc);
                    if (length == null) {
                        readChunked(rc);
                        return;
                    }
                }
            }
            rc.next();
        }, PRIORITY);
    }

    /** Quarkus fails a request whose body exceeds max-body-size with a bare 413 (on other paths): make it a problem. */
    void register(@Observes Router router) {
        router.route().failureHandler(rc -> {
            if (rc.statusCode() == 413 && !rc.response().headWritten()) {
                refuse(rc, ProblemCode.PAYLOAD_TOO_LARGE, "The body must be at most 4 KiB");
            } else {
                rc.next();
            }
        });
    }

    /** Reads a body without a length here, refusing it as soon as it passes 4 KiB; Quarkus REST takes what was read. */
    private static void readChunked(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (rc.response().headWritten()) {
                return;
            }
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                refuse(rc, ProblemCode.PAYLOAD_TOO_LARGE, "The body must be at most 4 KiB");
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(broken -> {
            if (!rc.response().headWritten()) {
                refuse(rc, ProblemCode.INVALID_REQUEST, "The body is not valid chunked transfer encoding");
            }
        });
        request.endHandler(ended -> {
            if (!rc.response().headWritten()) {
                rc.setBody(body);
                rc.next();
            }
        });
        request.resume();
    }

    private void watchBody(RoutingContext rc) {
        long timer = rc.vertx().setTimer(bodyTimeout.toMillis(), id -> {
            if (!rc.request().isEnded() && !rc.response().headWritten()) {
                refuse(rc, ProblemCode.REQUEST_TIMEOUT, "The body did not arrive within " + bodyTimeout.toSeconds() + " s");
            }
        });
        rc.addEndHandler(ended -> rc.vertx().cancelTimer(timer));
    }

    private static void refuse(RoutingContext rc, ProblemCode code, String detail) {
        Problem problem = Problem.of(code, detail, rc.request().getHeader(RequestIdFilter.HEADER));
        rc.response().setStatusCode(code.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close").end(Json.encode(problem))
                .onComplete(written -> closeGently(rc));
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
