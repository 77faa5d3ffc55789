package io.phonegateway.api;

import java.io.ByteArrayInputStream;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a {@code POST /phone} body that comes without a length (HTTP/1.1 chunked, HTTP/2 DATA frames without
 * {@code content-length}) and refuses it with 413 as soon as it passes 4 KiB, so that Quarkus REST's own reader,
 * which stops only at {@code max-body-size} with a bare 413 and a closed connection, never sees it. It reads inside
 * Quarkus REST (after authentication and the rate limit) rather than in a Vert.x filter before it: Quarkus REST pauses
 * the request when it takes it over, and HTTP/2 forbids that once the body has ended. What was read becomes the
 * entity stream the resource reads. Bodies with a {@code Content-Length} are guarded by {@link BodyLimitFilter}.
 */
class StreamedBodyFilter {

    @ServerRequestFilter(priority = Priorities.ENTITY_CODER)
    Uni<Void> read(ContainerRequestContext request, RoutingContext rc) {
        HttpServerRequest http = rc.request();
        if (!LookupPath.matches(rc) || http.getHeader("Content-Length") != null || http.isEnded()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(emitter -> {
            Buffer body = Buffer.buffer();
            AtomicBoolean done = new AtomicBoolean();
            http.handler(chunk -> {
                if (done.get()) {
                    return;
                }
                if (body.length() + chunk.length() > BodyLimitFilter.MAX_BODY_BYTES && done.compareAndSet(false, true)) {
                    rc.addEndHandler(answered -> BodyLimitFilter.stopReading(rc));
                    emitter.fail(GatewayException.of(ProblemCode.PAYLOAD_TOO_LARGE, BodyLimitFilter.TOO_LARGE));
                    return;
                }
                body.appendBuffer(chunk);
            });
            http.exceptionHandler(broken -> {
                // Already answered (BodyLimitFilter's 408): the exchange is over, nothing is left to answer.
                if (done.compareAndSet(false, true) && !rc.response().headWritten()) {
                    emitter.fail(GatewayException.of(ProblemCode.INVALID_REQUEST, "The body was cut off or badly framed"));
                }
            });
            http.endHandler(ended -> {
                if (done.compareAndSet(false, true)) {
                    request.setEntityStream(new ByteArrayInputStream(body.getBytes()));
                    emitter.complete(null);
                }
            });
            http.resume();
        });
    }
}
