package io.phonegateway.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.phonegateway.lookup.ProblemCode;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a {@code POST /phone} whose {@code Content-Length} announces more than 4 KiB before reading any of
 * it, with a problem body (Quarkus's own limit answers a bare 413). Bodies without a length are measured
 * as read, in {@link PhoneResource}; {@code quarkus.http.limits.max-body-size} (64K) is only the outer
 * ceiling: a chunked body beyond it still gets Quarkus's bare 413.
 */
@ApplicationScoped
class BodyLimitFilter {

    static final int MAX_BODY_BYTES = 4096;
    private static final int PRIORITY = 9_000; // after RequestIdFilter, so the problem carries the request id

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String length = rc.request().getHeader("Content-Length");
            if (length != null && "/phone".equals(rc.normalizedPath()) && announcesTooMuch(length)) {
                refuse(rc);
                return;
            }
            rc.next();
        }, PRIORITY);
    }

    private static void refuse(RoutingContext rc) {
        Problem problem = Problem.of(ProblemCode.PAYLOAD_TOO_LARGE, "The body must be at most 4 KiB",
                rc.request().getHeader(RequestIdFilter.HEADER));
        rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close").end(Json.encode(problem));
    }

    private static boolean announcesTooMuch(String length) {
        try {
            return Long.parseLong(length.trim()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false; // Vert.x itself refuses a malformed length
        }
    }
}
